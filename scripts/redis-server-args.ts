// How Pulse runs a local redis-server (the demo's, and each test file's own): loopback only, its own folder,
// AOF fsynced before each reply (docs/operations.md, "Redis persistence"), no RDB snapshots, warnings only.
export function redisServerArgs(port: number, dir: string): string[] {
  return ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--loglevel', 'warning'];
}

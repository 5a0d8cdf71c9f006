// The process's pino logger: JSON lines with the level, time, pid, host and Pulse version. The server
// logs to stdout; the one-shot commands log to stderr, so that stdout holds only their result.
import { hostname } from 'node:os';
import { pino, type Logger } from 'pino';
import { VERSION } from '../observability/build-info.ts';

export function processLogger(level: string, to: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino({ level, base: { pid: process.pid, hostname: hostname(), version: VERSION } }, pino.destination(to === 'stdout' ? 1 : 2));
}

// How a command ends on an error: a cause the operator can fix (bad configuration, ClickHouse too old or
// unreachable, chDB not installed) as one line on stderr; anything else logged with its stack.
import type { Logger } from 'pino';
import { ConfigError } from '../config/load.ts';
import { StartupError } from '../startup-error.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function fail(e: unknown, log: Logger | null, what: string): never {
  if (e instanceof ConfigError) {
    process.stderr.write(`pulse: ${e.message}\n`);
    process.exit(EXIT.usage);
  }
  if (e instanceof StartupError) {
    process.stderr.write(`pulse: ${e.message}\n`);
    process.exit(EXIT.failed);
  }
  if (log) log.fatal({ err: e }, what);
  else process.stderr.write(`pulse: ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(EXIT.failed);
}

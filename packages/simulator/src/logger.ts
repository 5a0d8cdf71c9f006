// Logging of the library: structured (pino) to stderr, so stdout stays free for the CLI's progress.
import { pino } from 'pino';

type LogFn = (obj: object, msg?: string) => void;

/** What the simulator logs through: a pino logger fits, and so does any object with these methods. */
export interface SimLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

let shared: SimLogger | undefined;

/** The logger used when none is passed: level from LOG_LEVEL (default info), to stderr. */
export function defaultLogger(): SimLogger {
  shared ??= pino({ name: 'pulse-simulator', level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  return shared;
}

// The ClickHouse client's own log lines, into pino at debug level: every failure it logs also reaches
// the caller as an error, which Pulse handles and logs itself (with its stack where it is unexpected), so
// at the default level there is one line per failure, not two (nor the client's console output).
import { ClickHouseLogLevel, type ErrorLogParams, type Logger as ClientLogger, type LogParams } from '@clickhouse/client';
import type { Logger } from 'pino';

export function clientLog(log: Logger | undefined): { LoggerClass?: new () => ClientLogger; level: ClickHouseLogLevel } {
  if (!log) return { level: ClickHouseLogLevel.OFF };
  const l = log.child({ part: 'clickhouse-client' });
  const line = (p: LogParams & { err?: Error }) =>
    l.debug({ module: p.module, ...(p.args ? { args: p.args } : {}), ...(p.err ? { err: p.err } : {}) }, p.message);
  class PinoClientLogger implements ClientLogger {
    trace = (p: LogParams) => l.trace({ module: p.module }, p.message);
    debug = line;
    info = line;
    warn = line;
    error = (p: ErrorLogParams) => line(p);
  }
  return { LoggerClass: PinoClientLogger, level: ClickHouseLogLevel.WARN };
}

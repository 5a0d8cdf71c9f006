// `pulse-server serve`: validate the configuration, start, stop on SIGTERM/SIGINT within the configured
// deadline (`shutdownTimeoutMs`): exit 0 after a clean stop, 1 when it had to be cut short. Uncaught
// errors are logged with their stack before the process exits.
import { loadConfig } from '../config/load.ts';
import { startPulse } from '../runtime.ts';
import { fail } from './fail.ts';
import { processLogger } from './logger.ts';

export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (e) {
    fail(e, null, 'invalid configuration');
  }
  const log = processLogger(config.logLevel);
  process.on('uncaughtException', (err) => fail(err, log, 'uncaught exception'));
  process.on('unhandledRejection', (err) => fail(err, log, 'unhandled promise rejection'));
  let pulse: Awaited<ReturnType<typeof startPulse>>;
  try {
    pulse = await startPulse(config, log);
  } catch (e) {
    fail(e, log, 'could not start');
  }
  const shutdown = async (signal: string) => {
    pulse.log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
    // The last resort: stop() closes everything at its deadline; should even that not return, exit anyway.
    setTimeout(() => {
      pulse.log.error({ signal }, 'stop did not return after its deadline: exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 2_000).unref();
    const { forced } = await pulse.stop();
    pulse.log.info({ signal, forced }, 'stopped');
    process.exit(forced ? 1 : 0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

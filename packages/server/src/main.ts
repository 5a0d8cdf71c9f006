// The server's entry point: validate the configuration, start, stop on SIGTERM/SIGINT within the
// configured deadline (`shutdownTimeoutMs`): exit 0 after a clean stop, 1 when it had to be cut short.
import { ConfigError, loadConfig } from './config/load.ts';
import { startPulse } from './runtime.ts';

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`pulse: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
const pulse = await startPulse(config);
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

// The server's entry point: validate the configuration, start, stop cleanly on SIGTERM/SIGINT.
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
  pulse.log.info({ signal }, 'shutting down');
  await pulse.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

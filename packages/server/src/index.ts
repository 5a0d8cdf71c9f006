export { startPulse, type Pulse } from './runtime.ts';
export { metricSettings } from './config/metric-settings.ts';
export { loadConfig, ConfigError } from './config/load.ts';
export { ConfigSchema, type Config } from './config/schema.ts';
export { ENV_VARS } from './config/env.ts';
export { readMigrations, splitStatements, migrate } from './history/migrate.ts';
export { keysFor, GROUPS } from './redis/keys.ts';

// Environment variables and the config path each one sets. The one table docs and docker-compose follow.
export const ENV_VARS = {
  HOST: 'host',
  PORT: 'port',
  PULSE_PUBLIC_URL: 'publicUrl',
  LOG_LEVEL: 'logLevel',
  PULSE_INSTANCE_ID: 'instanceId',
  PULSE_DATA_DIR: 'dataDir',
  PULSE_TIME_ZONE: 'timeZone',
  REDIS_URL: 'redis.url',
  PULSE_REDIS_PREFIX: 'redis.prefix',
  CLICKHOUSE_URL: 'clickhouse.url',
  CLICKHOUSE_USER: 'clickhouse.username',
  CLICKHOUSE_CLUSTER: 'clickhouse.cluster',
  CLICKHOUSE_PASSWORD: 'clickhouse.password',
  PULSE_MAX_BACKLOG: 'stream.maxBacklog',
  PULSE_WORKER_LIVE: 'workers.live',
  PULSE_WORKER_HISTORY: 'workers.history',
  PULSE_RATE_LIMIT: 'rateLimit.enabled',
  PULSE_WALLBOARD_DIR: 'wallboardDir',
  /** `role:token,role:token` — or `role:sha256:<hex>` */
  PULSE_TOKENS: 'tokens',
  /** signing secret(s) of the Zendesk webhooks, comma-separated (docs/sources.md) */
  PULSE_ZENDESK_SECRET: 'sources.zendesk.secret',
  /** the secret path segment of /v1/sources/chatwoot/<token> */
  PULSE_CHATWOOT_TOKEN: 'sources.chatwoot.token',
  /** the signing secret of the Chatwoot webhook (X-Chatwoot-Signature) */
  PULSE_CHATWOOT_SECRET: 'sources.chatwoot.secret',
} as const;

/** The file of further settings (JSON or YAML); env wins over it. */
export const CONFIG_FILE_VAR = 'PULSE_CONFIG';

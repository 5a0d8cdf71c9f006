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
  PULSE_MAX_LIVE_LAG_EVENTS: 'stream.maxLiveLagEvents',
  PULSE_MAX_BACKLOG_BYTES: 'stream.maxBacklogBytes',
  PULSE_REDIS_COMMAND_TIMEOUT_MS: 'redis.commandTimeoutMs',
  PULSE_SHUTDOWN_TIMEOUT_MS: 'shutdownTimeoutMs',
  PULSE_WORKER_LIVE: 'workers.live',
  PULSE_WORKER_HISTORY: 'workers.history',
  PULSE_RATE_LIMIT: 'rateLimit.enabled',
  /** requests per minute per address with an unknown token (docs/operations.md, Limits) */
  PULSE_MAX_BAD_TOKENS_PER_MINUTE: 'rateLimit.badTokenPerMinute',
  /** events older than this many days are rejected (3 years) */
  PULSE_MAX_EVENT_AGE_DAYS: 'ingest.maxEventAgeDays',
  /** a request not received within this long gets 408; a connection idle this long is closed */
  PULSE_REQUEST_TIMEOUT_MS: 'http.requestTimeoutMs',
  PULSE_IDLE_TIMEOUT_MS: 'http.idleTimeoutMs',
  /** open live streams per token and per client address (docs/operations.md, WebSocket clients) */
  PULSE_WS_MAX_PER_TOKEN: 'ws.maxPerToken',
  PULSE_WS_MAX_PER_ADDRESS: 'ws.maxPerAddress',
  PULSE_WALLBOARD_DIR: 'wallboardDir',
  /** `role:token,role:token` — or `role:sha256:<hex>` */
  PULSE_TOKENS: 'tokens',
  /** signing secret(s) of the Zendesk webhooks, comma-separated (docs/sources.md) */
  PULSE_ZENDESK_SECRET: 'sources.zendesk.secret',
  /** the secret path segment of /v1/sources/chatwoot/<token> */
  PULSE_CHATWOOT_TOKEN: 'sources.chatwoot.token',
  /** the signing secret of the Chatwoot webhook (X-Chatwoot-Signature) */
  PULSE_CHATWOOT_SECRET: 'sources.chatwoot.secret',
  /** an access token for Chatwoot's API: agents' availability is polled with it (docs/sources.md, "Presence") */
  PULSE_CHATWOOT_API_TOKEN: 'sources.chatwoot.presence.apiToken',
} as const;

/** The file of further settings (JSON or YAML); env wins over it. */
export const CONFIG_FILE_VAR = 'PULSE_CONFIG';

// The one configuration schema of the server: defaults run the demo; env and an optional file fill it.
import { Type, type Static, type TInteger } from '@sinclair/typebox';
import { ALERT_LANGS, ALERT_RULES, CHAT_CHANNELS, TICKET_CHANNELS } from '@pulse/contracts';

export const ROLES = ['ingest', 'viewer', 'manager', 'lead', 'admin'] as const;

const Token = Type.Object(
  {
    role: Type.Union(ROLES.map((r) => Type.Literal(r))),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    /** the token itself (demo), or its SHA-256 as 64 hex digits (production) */
    token: Type.Optional(Type.String({ minLength: 8, maxLength: 256 })),
    sha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
  },
  { additionalProperties: false },
);

const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' });
const TargetMinutes = Type.Partial(
  Type.Object({
    first_reply: Type.Number({ exclusiveMinimum: 0 }),
    next_reply: Type.Number({ exclusiveMinimum: 0 }),
    resolution: Type.Number({ exclusiveMinimum: 0 }),
  }),
  { additionalProperties: false },
);
const ByPriority = Type.Partial(Type.Object({ urgent: TargetMinutes, high: TargetMinutes, normal: TargetMinutes, low: TargetMinutes }), {
  additionalProperties: false,
});
const SlaCalendar = Type.Union([
  Type.Object({ kind: Type.Literal('calendar') }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('business'),
      hours: Type.Object(
        {
          timeZone: Type.String(),
          week: Type.Partial(
            Type.Object(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, Type.Array(Type.Tuple([HHMM, HHMM]))]))),
            { additionalProperties: false },
          ),
          holidays: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }))),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
]);
/** An SLA policy: targets in minutes per priority (missing ones are the spec's defaults), VIP targets
 * (default: half), calendar time or business hours. */
const SlaPolicyConfig = Type.Object(
  { targets: Type.Optional(ByPriority), vipTargets: Type.Optional(ByPriority), calendar: Type.Optional(SlaCalendar) },
  { additionalProperties: false },
);

const Threshold = Type.Object(
  { amber: Type.Number(), red: Type.Number(), direction: Type.Union([Type.Literal('above'), Type.Literal('below')]) },
  { additionalProperties: false },
);
/** Colours of the board: per metric, when a value turns amber and red; per-queue overrides. */
const BoardThresholds = Type.Record(Type.String(), Threshold);

const QueueAlertThresholds = Type.Object(
  {
    queue_wait_warning_s: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    queue_wait_critical_s: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    service_level_goal_pct: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    service_level_min_offered: Type.Optional(Type.Integer({ minimum: 1 })),
    csat_low_pct: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    csat_min_responses: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
/** language of alert texts: a channel's own (`lang`), else `alerts.lang` */
const AlertLang = Type.Union(ALERT_LANGS.map((l) => Type.Literal(l)));
const AlertChannel = Type.Union([
  Type.Object(
    {
      type: Type.Literal('webhook'),
      name: Type.String({ minLength: 1 }),
      url: Type.String({ minLength: 1 }),
      secret: Type.String({ minLength: 8 }),
      lang: Type.Optional(AlertLang),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('slack'), name: Type.String({ minLength: 1 }), url: Type.String({ minLength: 1 }), lang: Type.Optional(AlertLang) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('email'),
      name: Type.String({ minLength: 1 }),
      lang: Type.Optional(AlertLang),
      smtp: Type.Object(
        {
          host: Type.String(),
          port: Type.Integer({ minimum: 1, maximum: 65535 }),
          secure: Type.Optional(Type.Boolean()),
          user: Type.Optional(Type.String()),
          pass: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
      from: Type.String(),
      to: Type.Array(Type.String(), { minItems: 1 }),
    },
    { additionalProperties: false },
  ),
]);

/** Inbound help-desk webhooks (docs/sources.md): each source has its own authentication and mapping. */
const SourceQueue = Type.String({ minLength: 1, maxLength: 256 });
const SourceAgentId = Type.String({ minLength: 1, maxLength: 96 });
const SourceIdPrefix = (value: string) => Type.String({ pattern: '^[A-Za-z0-9_.:-]{0,16}$', default: value });
/** a delivery signed longer ago than 5 min is a retry when it carries its delivery id: accepted this long after signing (docs/sources.md) */
const SourceRetryWindow = Type.Integer({ minimum: 300_000, maximum: 7 * 86_400_000, default: 86_400_000 });
const ChatwootPresence = Type.Object(
  {
    /** Chatwoot's base URL, e.g. https://app.chatwoot.com */
    url: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 2048 })),
    accountId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: '^[0-9]+$', maxLength: 32 })])),
    /** an access token of a Chatwoot user allowed to list the account's agents (PULSE_CHATWOOT_API_TOKEN) */
    apiToken: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    intervalMs: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 30_000 }),
  },
  { additionalProperties: false },
);
const ZendeskSource = Type.Object(
  {
    /** webhook signing secret(s), one per Zendesk webhook: a list, or comma-separated (PULSE_ZENDESK_SECRET) */
    secret: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })])),
    /** prefix of the ticket, agent, requester and event ids made from Zendesk ids */
    idPrefix: SourceIdPrefix('zd-'),
    /** queue of a ticket with neither a group nor a mapped brand */
    defaultQueue: Type.String({ minLength: 1, maxLength: 256, default: 'default' }),
    /** group id (or name, in trigger bodies) → queue; an unmapped group is its own queue (name, else id) */
    groups: Type.Record(Type.String(), SourceQueue, { default: {} }),
    /** brand id or name → queue, for a ticket with no group */
    brands: Type.Record(Type.String(), SourceQueue, { default: {} }),
    /** `via.channel` (or `{{ticket.via}}`) → ticket channel, over the defaults of docs/sources.md */
    channels: Type.Record(Type.String(), Type.Union(TICKET_CHANNELS.map((c) => Type.Literal(c))), { default: {} }),
    /** Zendesk user id → Pulse agent id (default `<idPrefix>agent-<id>`) */
    agents: Type.Record(Type.String(), SourceAgentId, { default: {} }),
    /** the requester is VIP when the ticket has one of these tags or belongs to one of these organization ids */
    vipTags: Type.Array(Type.String(), { default: ['vip'] }),
    vipOrganizations: Type.Array(Type.String(), { default: [] }),
    retryWindowMs: SourceRetryWindow,
  },
  { additionalProperties: false, default: {} },
);
const ChatwootInboxRule = Type.Object(
  {
    queue: Type.Optional(SourceQueue),
    /** chat: its conversations are chats; ticket: they are tickets (the default for Channel::Email) */
    kind: Type.Optional(Type.Union([Type.Literal('chat'), Type.Literal('ticket')])),
    channel: Type.Optional(Type.Union([...new Set([...CHAT_CHANNELS, ...TICKET_CHANNELS])].map((c) => Type.Literal(c)))),
  },
  { additionalProperties: false },
);
const ChatwootSource = Type.Object(
  {
    /** secret path segment: Chatwoot posts to /v1/sources/chatwoot/<token> (PULSE_CHATWOOT_TOKEN) */
    token: Type.Optional(Type.String({ minLength: 16, maxLength: 256, pattern: '^[A-Za-z0-9_.~-]+$' })),
    /** the webhook's signing secret, for Chatwoot versions that send X-Chatwoot-Signature (PULSE_CHATWOOT_SECRET) */
    secret: Type.Optional(Type.String({ minLength: 1 })),
    /** prefix of the chat, ticket, agent, contact and event ids made from Chatwoot ids */
    idPrefix: SourceIdPrefix('cw-'),
    /** queue of a conversation with neither a team nor an inbox id */
    defaultQueue: Type.String({ minLength: 1, maxLength: 256, default: 'default' }),
    /** inbox id → queue, kind and channel; an unmapped inbox is the queue `inbox-<id>` */
    inboxes: Type.Record(Type.String(), ChatwootInboxRule, { default: {} }),
    /** inbox channel type (e.g. `Channel::Email`) → kind, channel or queue, over the defaults of docs/sources.md */
    channelTypes: Type.Record(Type.String(), ChatwootInboxRule, { default: {} }),
    /** team id or name → queue; a conversation with a team waits in its team's queue (default: the team's name) */
    teams: Type.Record(Type.String(), SourceQueue, { default: {} }),
    /** Chatwoot user id → Pulse agent id (default `<idPrefix>agent-<id>`) */
    agents: Type.Record(Type.String(), SourceAgentId, { default: {} }),
    /** the contact is VIP when the conversation has one of these labels */
    vipLabels: Type.Array(Type.String(), { default: ['vip'] }),
    /** an agent assigned to a waiting chat answers it; by default only the agent's first reply does (docs/sources.md) */
    answerOnAssignment: Type.Boolean({ default: false }),
    retryWindowMs: SourceRetryWindow,
    /** agent availability from Chatwoot's API, polled (docs/sources.md, "Presence"); off until url, accountId and apiToken are set */
    presence: Type.Optional(ChatwootPresence),
  },
  { additionalProperties: false, default: {} },
);
const Sources = Type.Object({ zendesk: ZendeskSource, chatwoot: ChatwootSource }, { additionalProperties: false, default: {} });

export const ConfigSchema = Type.Object(
  {
    host: Type.String({ default: '127.0.0.1' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
    /** public URL of the board, for links in messages and the printed demo URL */
    publicUrl: Type.Optional(Type.String()),
    /** link of a ticket or chat in the help desk: `{id}` is the item's id, `{number}` its trailing digits
     * (Zendesk ids without the source prefix), `{kind}` chat or ticket — e.g. `https://acme.zendesk.com/agent/tickets/{number}` */
    helpdeskLinkTemplate: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 2048 })),
    logLevel: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      { default: 'info' },
    ),
    /** stable name of this instance: its consumer name in the stream's groups */
    instanceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    dataDir: Type.String({ default: './data' }),
    /** SIGTERM: a graceful stop that takes longer than this is cut short (connections closed, exit code 1) */
    shutdownTimeoutMs: Type.Integer({ minimum: 100, maximum: 600_000, default: 10_000 }),
    timeZone: Type.String({ default: 'UTC' }),
    /** display name per queue id ("billing" → "Billing", "vip" → "VIP"): what boards, alerts and pages call a queue.
     * Names learned from help-desk payloads are added at run time for the queues this leaves out (docs/sources.md) */
    queueNames: Type.Record(Type.String({ minLength: 1, maxLength: 256 }), Type.String({ minLength: 1, maxLength: 256 }), { default: {} }),
    redis: Type.Object(
      {
        url: Type.String({ default: 'redis://127.0.0.1:6379' }),
        prefix: Type.String({ default: 'pulse:', pattern: '^[A-Za-z0-9_.:-]{1,32}$' }),
        /** a command with no answer within this long fails and the request answers 503 (a hung Redis looks like a down one) */
        commandTimeoutMs: Type.Integer({ minimum: 50, maximum: 60_000, default: 750 }),
      },
      { additionalProperties: false, default: {} },
    ),
    clickhouse: Type.Object(
      {
        /** a ClickHouse server; when unset, embedded chDB under `<dataDir>/clickhouse` */
        url: Type.Optional(Type.String()),
        /** a cluster name: migrations create Replicated tables ON CLUSTER and Distributed tables over them */
        cluster: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_{}-]{1,64}$' })),
        username: Type.String({ default: 'default' }),
        password: Type.String({ default: '' }),
        /** month partitions one history insert may touch (keep it within the server's max_partitions_per_insert_block, 100 by default) */
        maxPartitionsPerInsert: Type.Integer({ minimum: 1, maximum: 10_000, default: 50 }),
      },
      { additionalProperties: false, default: {} },
    ),
    stream: Type.Object(
      {
        /** ingest answers 503 while the stream holds more entries than this behind its slowest group */
        maxBacklog: Type.Integer({ minimum: 100, default: 20_000 }),
        /** …or while this many events or more wait to be read by the live group: keeps changes within about 1 s (docs/operations.md, "Backpressure") */
        maxLiveLagEvents: Type.Integer({ minimum: 1, default: 2_000 }),
        /** …or while the stream holds this many bytes of events or more (what Redis keeps for consumers behind) */
        maxBacklogBytes: Type.Integer({ minimum: 1024, default: 128 * 1024 * 1024 }),
        readCount: Type.Integer({ minimum: 1, maximum: 10_000, default: 200 }),
        /** the live consumer sizes its reads to about this many events (entries of big batches hold many) */
        liveBatchEvents: Type.Integer({ minimum: 1, maximum: 100_000, default: 5_000 }),
        /** history consumers gather entries for up to this long before one insert per table */
        historyFlushMs: Type.Integer({ minimum: 0, maximum: 60_000, default: 1_000 }),
        /** …and at most this many entries (a retried batch is re-read whole, so this is also its read size) */
        historyBatchEntries: Type.Integer({ minimum: 1, maximum: 50_000, default: 5_000 }),
        /** …and at most about this many bytes of entries (what a batch holds in memory, and its inserts) */
        historyBatchBytes: Type.Integer({ minimum: 1024, maximum: 512 * 1024 * 1024, default: 16 * 1024 * 1024 }),
        /** how long a duplicate id is remembered at ingest (ms) */
        dedupTtlMs: Type.Integer({ minimum: 60_000, default: 7 * 24 * 3600_000 }),
        claimIdleMs: Type.Integer({ minimum: 1000, default: 60_000 }),
        trimIntervalMs: Type.Integer({ minimum: 100, default: 5_000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    workers: Type.Object(
      {
        live: Type.Boolean({ default: true }),
        history: Type.Boolean({ default: true }),
      },
      { additionalProperties: false, default: {} },
    ),
    live: Type.Object(
      {
        /** coalescing of pushes to browsers: at most one snapshot per this many ms (and further apart when pushes are costly) */
        pushIntervalMs: Type.Integer({ minimum: 10, maximum: 1000, default: 20 }),
        heartbeatMs: Type.Integer({ minimum: 500, maximum: 30_000, default: 2_000 }),
        /** breached and at-risk SLA targets listed in a snapshot, each list (the most urgent first; all of them: GET /v1/live/sla) */
        slaListLimit: Type.Integer({ minimum: 1, maximum: 5_000, default: 50 }),
        /** each instance's view of live state is read whole at least this often (ms), besides the changes it is told of */
        fullReadMs: Type.Integer({ minimum: 1_000, maximum: 3_600_000, default: 30_000 }),
        itemRetentionHours: Type.Number({ minimum: 1, default: 24 }),
        /** late events (ratings, reopens) for items that left live state are applied on their history this long; an item never started expires this long after its last event */
        lateEventDays: Type.Number({ minimum: 1, maximum: 365, default: 30 }),
        /** when Redis comes back empty, live state is rebuilt from this many days of history (and open tickets) */
        rebuildDays: Type.Number({ minimum: 1, maximum: 90, default: 3 }),
        /** service-level threshold T in seconds per queue (channel defaults are the spec's) */
        serviceLevelSeconds: Type.Record(Type.String(), Type.Number({ minimum: 1 }), { default: {} }),
        /** staffing: the handle time (s) of a queue with no ended chat today */
        defaultAhtSeconds: Type.Number({ exclusiveMinimum: 0, default: 300 }),
        queues: Type.Array(Type.String(), { default: [] }),
      },
      { additionalProperties: false, default: {} },
    ),
    sla: Type.Object(
      {
        default: Type.Optional(SlaPolicyConfig),
        byQueue: Type.Record(Type.String(), SlaPolicyConfig, { default: {} }),
      },
      { additionalProperties: false, default: {} },
    ),
    board: Type.Object(
      {
        thresholds: Type.Optional(BoardThresholds),
        byQueue: Type.Record(Type.String(), BoardThresholds, { default: {} }),
      },
      { additionalProperties: false, default: {} },
    ),
    alerts: Type.Object(
      {
        enabled: Type.Boolean({ default: true }),
        evaluateIntervalMs: Type.Integer({ minimum: 100, maximum: 60_000, default: 1000 }),
        /** an unacknowledged critical alert is escalated after this long */
        escalateAfterMs: Type.Integer({ minimum: 1000, default: 5 * 60_000 }),
        /** alerts that change within this window go out as one message */
        groupWindowMs: Type.Integer({ minimum: 0, maximum: 60_000, default: 2000 }),
        /** a firing alert clears only when its value is back past the threshold by this fraction */
        hysteresis: Type.Number({ minimum: 0, maximum: 0.5, default: 0.05 }),
        defaults: Type.Object(QueueAlertThresholds.properties, { additionalProperties: false, default: {} }),
        byQueue: Type.Record(Type.String(), QueueAlertThresholds, { default: {} }),
        pingpongReassignments: Type.Integer({ minimum: 2, default: 3 }),
        /** per rule, how long its condition (and then its clearing) must hold, in ms (docs/alerts.md, "Noise control") */
        forMs: Type.Partial(
          Type.Object(
            Object.fromEntries(ALERT_RULES.map((r) => [r, Type.Integer({ minimum: 0, maximum: 3_600_000 })])) as Record<(typeof ALERT_RULES)[number], TInteger>,
          ),
          { additionalProperties: false, default: {} },
        ),
        /** a condition that began longer ago than this when first found (replays, backfill) is kept but never delivered */
        quietAfterMs: Type.Integer({ minimum: 1000, default: 10 * 60_000 }),
        /** an alert that fires again within this long of its predecessor's resolution (a flap) clears only after
         * its condition has stayed clear this long */
        flapMs: Type.Integer({ minimum: 0, maximum: 24 * 3600_000, default: 10 * 60_000 }),
        /** an SLA roll-up is delivered again each time it has this many more fresh tickets than when last delivered */
        rollupStep: Type.Integer({ minimum: 1, default: 5 }),
        /** local times (in timeZone) at which shifts change: "snooze until the shift ends" ends at the next one */
        shifts: Type.Array(HHMM, { minItems: 1, default: ['07:00', '15:00', '23:00'] }),
        /** language of stored titles and messages, and of channels without their own `lang` */
        lang: Type.Union(
          ALERT_LANGS.map((l) => Type.Literal(l)),
          { default: 'en' },
        ),
        channels: Type.Array(AlertChannel, { default: [] }),
        delivery: Type.Object(
          {
            maxAttempts: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
            baseDelayMs: Type.Integer({ minimum: 10, default: 1000 }),
            maxDelayMs: Type.Integer({ minimum: 100, default: 5 * 60_000 }),
            timeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
          },
          { additionalProperties: false, default: {} },
        ),
      },
      { additionalProperties: false, default: { defaults: {} } },
    ),
    rateLimit: Type.Object(
      {
        enabled: Type.Boolean({ default: true }),
        /** requests per minute per ingest token */
        ingestPerMinute: Type.Integer({ minimum: 1, default: 12_000 }),
        /** requests per minute per other token (or per address without one) */
        readPerMinute: Type.Integer({ minimum: 1, default: 1_200 }),
        /** requests per minute per client address with a token that is unknown (guesses): 429 beyond */
        badTokenPerMinute: Type.Integer({ minimum: 1, default: 30 }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** what the edge accepts (docs/operations.md, "Limits") */
    ingest: Type.Object(
      {
        /** events whose ts is older than this many days are rejected (3 years) */
        maxEventAgeDays: Type.Integer({ minimum: 1, maximum: 36_500, default: 3 * 365 }),
      },
      { additionalProperties: false, default: {} },
    ),
    http: Type.Object(
      {
        /** a request (headers and body) not received within this long is answered 408 and its connection closed */
        requestTimeoutMs: Type.Integer({ minimum: 100, maximum: 600_000, default: 30_000 }),
        /** a connection with no traffic either way for this long is closed (0: never) */
        idleTimeoutMs: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 120_000 }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** origins (scheme://host[:port]) allowed to open the WebSocket besides the server's own */
    allowedOrigins: Type.Array(Type.String(), { default: [] }),
    /** WebSocket clients of /v1/live/stream (docs/operations.md, "WebSocket clients") */
    ws: Type.Object(
      {
        /** above this many bytes buffered for a client, a new snapshot replaces its unsent one instead of queueing */
        softBufferBytes: Type.Integer({ minimum: 1024, default: 256 * 1024 }),
        /** a client with more than this buffered is closed with 1013 (keep it above soft + the largest snapshot) */
        hardBufferBytes: Type.Integer({ minimum: 2048, default: 4 * 1024 * 1024 }),
        /** …as is one above the soft cap for longer than this */
        slowClientTimeoutMs: Type.Integer({ minimum: 100, default: 15_000 }),
        /** protocol pings to every client this often; one that has not answered within pongTimeoutMs is dropped */
        pingIntervalMs: Type.Integer({ minimum: 100, default: 15_000 }),
        pongTimeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
        /** open streams per token and per client address, across instances (counted in Redis) */
        maxPerToken: Type.Integer({ minimum: 1, default: 5_000 }),
        maxPerAddress: Type.Integer({ minimum: 1, default: 2_500 }),
      },
      { additionalProperties: false, default: {} },
    ),
    sources: Sources,
    wallboardDir: Type.Optional(Type.String()),
    tokens: Type.Array(Token, {
      default: [
        { role: 'ingest', name: 'demo ingest', token: 'dev-ingest-token' },
        { role: 'viewer', name: 'demo wall display', token: 'dev-viewer-token' },
        { role: 'manager', name: 'demo manager', token: 'dev-manager-token' },
        { role: 'lead', name: 'demo lead', token: 'dev-lead-token' },
        { role: 'admin', name: 'demo admin', token: 'dev-admin-token' },
      ],
    }),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;
export type SlaPolicyConfig = Static<typeof SlaPolicyConfig>;
export type AlertChannelConfig = Static<typeof AlertChannel>;
export type AlertsConfig = Config['alerts'];
export type Role = (typeof ROLES)[number];
export type SourcesConfig = Config['sources'];

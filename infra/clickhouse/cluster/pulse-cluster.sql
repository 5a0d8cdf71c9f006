-- Generated from packages/server/migrations by scripts/cluster-sql.ts: do not edit by hand.
-- Replicated tables on every shard plus Distributed tables over them. Needs Keeper and the
-- macros {shard} and {replica}; set clickhouse.cluster (CLICKHOUSE_CLUSTER) and the server applies it.
CREATE DATABASE IF NOT EXISTS pulse ON CLUSTER '{cluster}';

-- 0001_events
CREATE TABLE IF NOT EXISTS pulse.events_local ON CLUSTER '{cluster}'
(
    id          String,
    type        LowCardinality(String),
    ts          DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC'),
    ticket_id   String,
    chat_id     String,
    agent_id    String,
    queue       LowCardinality(String),
    channel     LowCardinality(String),
    payload     String CODEC(ZSTD(3))
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/pulse/events_local', '{replica}')
PARTITION BY toYYYYMM(ts)
ORDER BY (type, ts, id)
SETTINGS replicated_deduplication_window = 10000;
CREATE TABLE IF NOT EXISTS pulse.events ON CLUSTER '{cluster}' AS pulse.events_local
ENGINE = Distributed('{cluster}', 'pulse', 'events_local', cityHash64(id));

-- 0002_alert_changes
CREATE TABLE IF NOT EXISTS pulse.alert_changes_local ON CLUSTER '{cluster}'
(
    alert_id   String,
    event      LowCardinality(String),
    at         DateTime64(3, 'UTC'),
    rule       LowCardinality(String),
    severity   LowCardinality(String),
    state      LowCardinality(String),
    queue      LowCardinality(String),
    agent_id   String,
    ticket_id  String,
    title      String,
    value      Nullable(Float64),
    threshold  Nullable(Float64),
    started_at DateTime64(3, 'UTC'),
    payload    String CODEC(ZSTD(3))
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/pulse/alert_changes_local', '{replica}')
PARTITION BY toYYYYMM(at)
ORDER BY (at, alert_id, event)
SETTINGS replicated_deduplication_window = 10000;
CREATE TABLE IF NOT EXISTS pulse.alert_changes ON CLUSTER '{cluster}' AS pulse.alert_changes_local
ENGINE = Distributed('{cluster}', 'pulse', 'alert_changes_local', cityHash64(alert_id));

-- 0003_facts
CREATE TABLE IF NOT EXISTS pulse.metric_deltas_local ON CLUSTER '{cluster}'
(
    item    String,
    version UInt64,
    idx     UInt32,
    minute  DateTime('UTC'),
    scope   LowCardinality(String),
    counter LowCardinality(String),
    delta   Int64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/pulse/metric_deltas_local', '{replica}')
PARTITION BY toYYYYMM(minute)
ORDER BY (item, version, idx)
SETTINGS replicated_deduplication_window = 10000;
CREATE TABLE IF NOT EXISTS pulse.metric_deltas ON CLUSTER '{cluster}' AS pulse.metric_deltas_local
ENGINE = Distributed('{cluster}', 'pulse', 'metric_deltas_local', cityHash64(item));
CREATE TABLE IF NOT EXISTS pulse.metric_minute_local ON CLUSTER '{cluster}'
(
    scope   LowCardinality(String),
    counter LowCardinality(String),
    minute  DateTime('UTC'),
    value   SimpleAggregateFunction(sum, Int64)
)
ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/pulse/metric_minute_local', '{replica}')
PARTITION BY toYYYYMM(minute)
ORDER BY (scope, counter, minute);
CREATE TABLE IF NOT EXISTS pulse.metric_minute ON CLUSTER '{cluster}' AS pulse.metric_minute_local
ENGINE = Distributed('{cluster}', 'pulse', 'metric_minute_local', rand());
CREATE MATERIALIZED VIEW IF NOT EXISTS pulse.metric_minute_mv ON CLUSTER '{cluster}' TO pulse.metric_minute_local AS SELECT scope, counter, minute, delta AS value FROM pulse.metric_deltas_local;
CREATE TABLE IF NOT EXISTS pulse.metric_values_local ON CLUSTER '{cluster}'
(
    item    String,
    version UInt64,
    idx     UInt32,
    minute  DateTime('UTC'),
    scope   LowCardinality(String),
    name    LowCardinality(String),
    member  String,
    value   Float64,
    sign    Int8
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/pulse/metric_values_local', '{replica}')
PARTITION BY toYYYYMM(minute)
ORDER BY (name, scope, minute, item, version, idx)
SETTINGS replicated_deduplication_window = 10000;
CREATE TABLE IF NOT EXISTS pulse.metric_values ON CLUSTER '{cluster}' AS pulse.metric_values_local
ENGINE = Distributed('{cluster}', 'pulse', 'metric_values_local', cityHash64(item));
CREATE TABLE IF NOT EXISTS pulse.items_local ON CLUSTER '{cluster}'
(
    kind          LowCardinality(String),
    id            String,
    version       UInt64,
    queue         LowCardinality(String),
    channel       LowCardinality(String),
    agent_id      String,
    status        LowCardinality(String),
    priority      LowCardinality(String),
    tier          LowCardinality(String),
    started_at    Nullable(DateTime64(3, 'UTC')),
    answered_at   Nullable(DateTime64(3, 'UTC')),
    ended_at      Nullable(DateTime64(3, 'UTC')),
    wait_s        Nullable(Float64),
    handle_s      Nullable(Float64),
    frt_s         Nullable(Float64),
    reassignments UInt32,
    reopened      UInt8,
    abandoned     UInt8,
    csat          LowCardinality(String),
    sla_met       UInt16,
    sla_breached  UInt16
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/pulse/items_local', '{replica}', version)
ORDER BY (kind, id)
SETTINGS replicated_deduplication_window = 10000;
CREATE TABLE IF NOT EXISTS pulse.items ON CLUSTER '{cluster}' AS pulse.items_local
ENGINE = Distributed('{cluster}', 'pulse', 'items_local', cityHash64(id));

-- 0004_dead_letters
CREATE TABLE IF NOT EXISTS pulse.dead_letters_local ON CLUSTER '{cluster}'
(
    at         DateTime64(3, 'UTC'),
    id         String,
    table_name LowCardinality(String),
    entry_ids  Array(String),
    error      String,
    row        String CODEC(ZSTD(3))
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/pulse/dead_letters_local', '{replica}')
PARTITION BY toYYYYMM(at)
ORDER BY (at, id)
SETTINGS replicated_deduplication_window = 10000;
CREATE TABLE IF NOT EXISTS pulse.dead_letters ON CLUSTER '{cluster}' AS pulse.dead_letters_local
ENGINE = Distributed('{cluster}', 'pulse', 'dead_letters_local', cityHash64(id));

-- History of the metrics, written from the facts of every live change (packages/server/src/live/facts.ts).
-- Raw deltas fold repeated rows by (item, version, idx); a materialized view keeps per-minute rollups
-- per scope and counter, so a year of trends reads rollups, not raw rows.
CREATE TABLE IF NOT EXISTS pulse.metric_deltas
(
    item    String,
    version UInt64,
    idx     UInt32,
    minute  DateTime('UTC'),
    scope   LowCardinality(String),
    counter LowCardinality(String),
    delta   Int64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (item, version, idx)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS pulse.metric_minute
(
    scope   LowCardinality(String),
    counter LowCardinality(String),
    minute  DateTime('UTC'),
    value   SimpleAggregateFunction(sum, Int64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (scope, counter, minute);

CREATE MATERIALIZED VIEW IF NOT EXISTS pulse.metric_minute_mv TO pulse.metric_minute AS
SELECT scope, counter, minute, delta AS value FROM pulse.metric_deltas;

-- Values behind percentiles (first reply times) and SLA breaches (at their due moment): +1 when added,
-- −1 when an item's re-derivation removed them.
CREATE TABLE IF NOT EXISTS pulse.metric_values
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
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (name, scope, minute, item, version, idx)
SETTINGS non_replicated_deduplication_window = 10000;

-- One row per chat or ticket, its latest state (drill-down behind a number).
CREATE TABLE IF NOT EXISTS pulse.items
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
ENGINE = ReplacingMergeTree(version)
ORDER BY (kind, id)
SETTINGS non_replicated_deduplication_window = 10000;

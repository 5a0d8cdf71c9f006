-- Alert history: one row per change of an alert (firing, escalated, acknowledged, resolved).
CREATE TABLE IF NOT EXISTS pulse.alert_changes
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
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (at, alert_id, event)
SETTINGS non_replicated_deduplication_window = 10000;

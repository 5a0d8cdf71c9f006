-- Raw events: one row per accepted event, as ingested. Inserts carry a dedup token per stream batch;
-- ReplacingMergeTree on the event id also folds any row repeated by a reclaimed batch.
CREATE TABLE IF NOT EXISTS pulse.events
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
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (type, ts, id)
SETTINGS non_replicated_deduplication_window = 10000;

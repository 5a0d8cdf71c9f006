-- Dead letters: history rows ClickHouse refused for what they hold (packages/server/src/history/dead-letters.ts).
-- The row is kept as ASCII-only JSON, so that a row ClickHouse could not take can itself be stored.
-- Inserts carry a dedup token per refused insert, so a retried batch keeps each dead letter once.
CREATE TABLE IF NOT EXISTS pulse.dead_letters
(
    at         DateTime64(3, 'UTC'),
    id         String,
    table_name LowCardinality(String),
    entry_ids  Array(String),
    error      String,
    row        String CODEC(ZSTD(3))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (at, id)
SETTINGS non_replicated_deduplication_window = 10000;

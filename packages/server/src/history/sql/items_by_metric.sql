-- The chats and tickets behind a metric over [from, to) in some scopes: those whose counters of that metric
-- (net of every re-derivation) changed inside the range, and for SLA attainment also those with a breach
-- due inside it (once due) — exactly the items the series point over the same range counts. Rows of the
-- deltas are taken once per (item, version, idx), as ReplacingMergeTree would fold them.
SELECT
    kind, id, queue, channel, agent_id, status, priority, tier,
    toUnixTimestamp64Milli(started_at) AS started_ms,
    toUnixTimestamp64Milli(answered_at) AS answered_ms,
    toUnixTimestamp64Milli(ended_at) AS ended_ms,
    wait_s, handle_s, frt_s, reassignments, reopened, abandoned, csat, sla_met, sla_breached,
    toInt64(count() OVER ()) AS total
FROM pulse.items FINAL
WHERE kind IN {kinds:Array(String)}
  AND (kind, id) IN
  (
      SELECT substring(item, 1, position(item, ':') - 1), substring(item, position(item, ':') + 1)
      FROM
      (
          SELECT item
          FROM
          (
              SELECT item, counter, sum(delta) AS n
              FROM
              (
                  SELECT DISTINCT item, version, idx, counter, delta
                  FROM pulse.metric_deltas
                  WHERE scope IN {scopes:Array(String)}
                    AND counter IN {counters:Array(String)}
                    AND minute >= toDateTime({from_s:Int64})
                    AND minute < toDateTime({to_s:Int64})
              )
              GROUP BY item, counter
              HAVING n > 0
          )
          UNION DISTINCT
          SELECT item
          FROM
          (
              SELECT item, member, value, sum(sign) AS n
              FROM pulse.metric_values FINAL
              WHERE {breaches:UInt8} = 1
                AND name = 'sla_breach'
                AND scope IN {scopes:Array(String)}
                AND value >= {from_ms:Float64}
                AND value < least({to_ms:Float64}, {now_ms:Float64})
              GROUP BY item, member, value
              HAVING n > 0
          )
      )
  )
ORDER BY started_at, kind, id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}

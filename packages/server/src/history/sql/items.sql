-- One row per chat or ticket active in [from, to): started before `to` and not ended before `from`.
SELECT
    kind, id, queue, channel, agent_id, status, priority, tier,
    toUnixTimestamp64Milli(started_at) AS started_ms,
    toUnixTimestamp64Milli(answered_at) AS answered_ms,
    toUnixTimestamp64Milli(ended_at) AS ended_ms,
    wait_s, handle_s, frt_s, reassignments, reopened, abandoned, csat, sla_met, sla_breached,
    toInt64(count() OVER ()) AS total
FROM pulse.items FINAL
WHERE kind IN {kinds:Array(String)}
  AND (empty({queues:Array(String)}) OR queue IN {queues:Array(String)})
  AND (empty({channels:Array(String)}) OR channel IN {channels:Array(String)})
  AND (empty({agents:Array(String)}) OR agent_id IN {agents:Array(String)})
  AND started_at IS NOT NULL
  AND started_at < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
  AND (ended_at IS NULL OR ended_at >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC'))
ORDER BY started_at, kind, id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}

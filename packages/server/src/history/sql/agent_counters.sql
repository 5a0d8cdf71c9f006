-- Per-agent counters over [from, to) from the per-minute rollups (scopes `agent:<id>`).
SELECT substring(scope, 7) AS agent_id, counter, toInt64(sum(value)) AS value
FROM pulse.metric_minute
WHERE startsWith(scope, 'agent:')
  AND minute >= toDateTime({from_s:Int64})
  AND minute < toDateTime({to_s:Int64})
  AND (empty({agents:Array(String)}) OR substring(scope, 7) IN {agents:Array(String)})
GROUP BY agent_id, counter

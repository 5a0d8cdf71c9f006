-- Per-agent counters over [from, to) from the per-minute rollups (scopes `agent:<id>`).
SELECT substring(scope, length({agent_prefix:String}) + 1) AS agent_id, counter, toInt64(sum(value)) AS value
FROM pulse.metric_minute
WHERE startsWith(scope, {agent_prefix:String})
  AND minute >= toDateTime({from_s:Int64})
  AND minute < toDateTime({to_s:Int64})
  AND (empty({agents:Array(String)}) OR substring(scope, length({agent_prefix:String}) + 1) IN {agents:Array(String)})
GROUP BY agent_id, counter

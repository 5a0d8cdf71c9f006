-- The queues, channels and agents with any figure in [from, to): their scopes in the per-minute rollups.
SELECT DISTINCT toString(scope) AS scope
FROM pulse.metric_minute
WHERE scope != {overall:String}
  AND minute >= toDateTime({from_s:Int64})
  AND minute < toDateTime({to_s:Int64})

-- Chats offered and their service-level counters per local weekday (1 = Monday … 7 = Sunday) and local
-- hour of day in {tz}, over [from, to), summed over the scopes asked for (which must not overlap).
SELECT
    toDayOfWeek(minute, 0, {tz:String}) AS weekday,
    toHour(minute, {tz:String}) AS hour,
    counter,
    toInt64(sum(value)) AS value
FROM pulse.metric_minute
WHERE scope IN {scopes:Array(String)}
  AND counter IN ('answered', 'abandoned', 'abandoned_long', 'sl_met', 'wait_ms')
  AND minute >= toDateTime({from_s:Int64})
  AND minute < toDateTime({to_s:Int64})
GROUP BY weekday, hour, counter

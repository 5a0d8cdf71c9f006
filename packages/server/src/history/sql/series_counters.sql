-- Counters summed per bucket and scope from the per-minute rollups. Sub-day buckets are aligned to
-- {from_s} and {step_s} seconds long; {unit} day, week or month buckets are local days, weeks from Monday
-- and months in {tz}.
SELECT
    toInt64(multiIf(
        {unit:String} = 'day', toUnixTimestamp(toStartOfDay(minute, {tz:String})),
        {unit:String} = 'week', toUnixTimestamp(toDateTime(toMonday(minute, {tz:String}), {tz:String})),
        {unit:String} = 'month', toUnixTimestamp(toDateTime(toStartOfMonth(minute, {tz:String}), {tz:String})),
        intDiv(toUnixTimestamp(minute) - {from_s:Int64}, {step_s:Int64}) * {step_s:Int64} + {from_s:Int64})) AS bucket,
    scope,
    counter,
    toInt64(sum(value)) AS value
FROM pulse.metric_minute
WHERE scope IN {scopes:Array(String)}
  AND minute >= toDateTime({from_s:Int64})
  AND minute < toDateTime({to_s:Int64})
GROUP BY bucket, scope, counter

-- Values present in each bucket and scope (net of removals): first reply times by the minute they were
-- given, SLA breaches by their due moment once it has come (a target unmet and due later is not breached
-- yet: live state counts it from its due moment on, and so does history).
SELECT bucket, scope, name, value
FROM
(
    SELECT
        toInt64(multiIf(
            {unit:String} = 'day', toUnixTimestamp(toStartOfDay(minute, {tz:String})),
            {unit:String} = 'week', toUnixTimestamp(toDateTime(toMonday(minute, {tz:String}), {tz:String})),
            {unit:String} = 'month', toUnixTimestamp(toDateTime(toStartOfMonth(minute, {tz:String}), {tz:String})),
            intDiv(toUnixTimestamp(minute) - {from_s:Int64}, {step_s:Int64}) * {step_s:Int64} + {from_s:Int64})) AS bucket,
        scope,
        name,
        member,
        value,
        sum(sign) AS n
    FROM pulse.metric_values FINAL
    WHERE scope IN {scopes:Array(String)}
      AND minute >= toStartOfMinute(toDateTime({from_s:Int64}))
      AND minute <= toDateTime({to_s:Int64})
      AND (
            (name = 'frt' AND minute >= toDateTime({from_s:Int64}) AND minute < toDateTime({to_s:Int64}))
         OR (name = 'sla_breach' AND value >= {from_ms:Float64} AND value < least({to_ms:Float64}, {now_ms:Float64}))
      )
    GROUP BY bucket, scope, name, member, value
    HAVING n > 0
)

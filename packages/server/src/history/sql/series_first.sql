-- The first minute with any counter in the scopes: before it history holds nothing for them (no data, not zero).
SELECT toInt64(toUnixTimestamp(minOrNull(minute))) AS first_s
FROM pulse.metric_minute
WHERE scope IN {scopes:Array(String)}

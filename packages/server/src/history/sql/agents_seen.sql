-- Every agent with a status event before `to`: the latest name given, the status held when the range
-- began, and how many status changes fall inside [from, to).
SELECT
    agent_id,
    argMaxIf(name, ms, name != '') AS name,
    argMaxIf(status, ms, ms < {from_ms:Int64}) AS status_before,
    toInt64(countIf(ms >= {from_ms:Int64})) AS changes
FROM
(
    SELECT agent_id, JSONExtractString(payload, 'name') AS name, JSONExtractString(payload, 'status') AS status, toUnixTimestamp64Milli(ts) AS ms
    FROM pulse.events FINAL
    WHERE type = 'agent.status_changed' AND ts < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
)
GROUP BY agent_id

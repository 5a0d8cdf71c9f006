-- Time each agent spent in each status within [from, to), from the raw status events, and the agent's
-- latest name. A status lasts until the agent's next status event (or `to`).
SELECT
    agent_id,
    status,
    toInt64(sum(greatest(0, least(next_ms, {to_ms:Int64}) - greatest(ms, {from_ms:Int64})))) AS duration_ms,
    argMaxIf(name, ms, name != '') AS name
FROM
(
    SELECT
        agent_id,
        JSONExtractString(payload, 'status') AS status,
        JSONExtractString(payload, 'name') AS name,
        toUnixTimestamp64Milli(ts) AS ms,
        leadInFrame(toUnixTimestamp64Milli(ts), 1, toInt64({to_ms:Int64}))
            OVER (PARTITION BY agent_id ORDER BY ts, id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_ms
    FROM pulse.events FINAL
    WHERE type = 'agent.status_changed'
      AND ts < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
      AND (empty({agents:Array(String)}) OR agent_id IN {agents:Array(String)})
)
GROUP BY agent_id, status

-- Each agent's queues and chat capacity as its latest status events before `to` give them (events without the
-- field keep the one before; no capacity ever given → 3, SPEC §1).
SELECT
    agent_id,
    argMaxIf(JSONExtract(payload, 'queues', 'Array(String)'), (ts, id), JSONHas(payload, 'queues')) AS queues,
    toInt64(ifNull(argMaxIf(JSONExtract(payload, 'chat_capacity', 'Nullable(Int64)'), (ts, id), JSONHas(payload, 'chat_capacity')), 3)) AS capacity
FROM pulse.events FINAL
WHERE type = 'agent.status_changed'
  AND ts < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
GROUP BY agent_id

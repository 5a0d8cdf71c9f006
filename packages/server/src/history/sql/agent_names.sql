-- The latest display name each of some agents gave in a status event.
SELECT agent_id, argMaxIf(JSONExtractString(payload, 'name'), ts, JSONExtractString(payload, 'name') != '') AS name
FROM pulse.events FINAL
WHERE type = 'agent.status_changed' AND agent_id IN {agents:Array(String)}
GROUP BY agent_id

-- What live state is rebuilt from when Redis comes back empty: the events of the last days, every event
-- of the tickets still open however old, and each agent's latest status event.
SELECT payload
FROM pulse.events FINAL
WHERE ts >= fromUnixTimestamp64Milli({since_ms:Int64}, 'UTC')
   OR (ticket_id != '' AND ticket_id IN (SELECT id FROM pulse.items FINAL WHERE kind = 'ticket' AND ended_at IS NULL))
   OR (type = 'agent.status_changed'
       AND (agent_id, ts) IN (SELECT agent_id, max(ts) FROM pulse.events WHERE type = 'agent.status_changed' GROUP BY agent_id))
ORDER BY ts, id

-- What live state is rebuilt from when Redis comes back empty: every event of each chat and ticket that
-- had an event in the last days (whole items, never a part of one: a ticket created before the window
-- keeps its queue), every event of the tickets still open however old, and each agent's latest status.
SELECT payload
FROM pulse.events FINAL
WHERE ts >= fromUnixTimestamp64Milli({since_ms:Int64}, 'UTC')
   OR (ticket_id != '' AND ticket_id IN (SELECT ticket_id FROM pulse.events WHERE ticket_id != '' AND ts >= fromUnixTimestamp64Milli({since_ms:Int64}, 'UTC')))
   OR (chat_id != '' AND chat_id IN (SELECT chat_id FROM pulse.events WHERE chat_id != '' AND ts >= fromUnixTimestamp64Milli({since_ms:Int64}, 'UTC')))
   OR (ticket_id != '' AND ticket_id IN (SELECT id FROM pulse.items FINAL WHERE kind = 'ticket' AND ended_at IS NULL))
   OR (type = 'agent.status_changed'
       AND (agent_id, ts) IN (SELECT agent_id, max(ts) FROM pulse.events WHERE type = 'agent.status_changed' GROUP BY agent_id))
ORDER BY ts, id

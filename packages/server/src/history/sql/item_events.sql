-- Every stored event of some chats and tickets, with when it was received: read back when a late event
-- arrives for an item that has left live state, so the item keeps its queue, channel, agent and row.
SELECT payload, toInt64(toUnixTimestamp64Milli(received_at)) AS received_ms
FROM pulse.events FINAL
WHERE (ticket_id != '' AND ticket_id IN {tickets:Array(String)})
   OR (chat_id != '' AND chat_id IN {chats:Array(String)})

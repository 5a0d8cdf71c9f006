-- Applies one item's new events and the difference of its contributions, if nobody changed it since
-- it was read (optimistic concurrency on the item's version).
-- KEYS[1]  item key          KEYS[2] facts stream (history of live changes)
-- ARGV[1]  expected version   ARGV[2] new contributions (JSON, stored as the item's `_c`)
-- ARGV[3]  item expire-at (ms) or '0'   ARGV[4] number N of new events
-- ARGV[5 .. 4+2N]  pairs: event id, event JSON
-- then M, the number of event fields to delete (compaction), and their ids
-- then the facts (JSON, appended to KEYS[2] with this change) or ''
-- then ops, each a tag and its operands:
--   n key field delta | x key at-ms | za key score member | zr key member | hs key field value | hd key field
-- Returns 1 when applied, 0 on a version conflict.
local version = redis.call('HGET', KEYS[1], '_v') or '0'
if version ~= ARGV[1] then
  return 0
end
local i = 5
for _ = 1, tonumber(ARGV[4]) do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  i = i + 2
end
local m = tonumber(ARGV[i])
i = i + 1
for _ = 1, m do
  redis.call('HDEL', KEYS[1], ARGV[i])
  i = i + 1
end
local facts = ARGV[i]
i = i + 1
if facts ~= '' then
  redis.call('XADD', KEYS[2], '*', 'f', facts)
end
redis.call('HSET', KEYS[1], '_c', ARGV[2], '_v', tostring(tonumber(version) + 1))
if ARGV[3] ~= '0' then
  redis.call('PEXPIREAT', KEYS[1], ARGV[3])
else
  redis.call('PERSIST', KEYS[1])
end
while i <= #ARGV do
  local op = ARGV[i]
  if op == 'n' then
    redis.call('HINCRBY', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3])
    i = i + 4
  elseif op == 'x' then
    redis.call('PEXPIREAT', ARGV[i + 1], ARGV[i + 2])
    i = i + 3
  elseif op == 'za' then
    redis.call('ZADD', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3])
    i = i + 4
  elseif op == 'zr' then
    redis.call('ZREM', ARGV[i + 1], ARGV[i + 2])
    i = i + 3
  elseif op == 'hs' then
    redis.call('HSET', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3])
    i = i + 4
  elseif op == 'hd' then
    redis.call('HDEL', ARGV[i + 1], ARGV[i + 2])
    i = i + 3
  else
    return redis.error_reply('apply_item: unknown op ' .. tostring(op))
  end
end
return 1

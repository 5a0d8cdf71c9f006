-- Applies the changes of several items in one call, all or nothing: only if nobody changed any of them
-- since they were read (optimistic concurrency on each item's version). The items' changes to shared
-- counters come summed over the whole chunk, so a counter that many items touch is written once.
-- KEYS[1]      facts stream (history of live changes)
-- KEYS[2 ..]   the item keys, one per item, in order
-- ARGV[1]      the facts of the chunk (one JSON array) or ''
-- then per item: its expected version
-- then per item: L, the number of values of its section, then the section:
--   new contributions (JSON, stored as `_c`), expire-at (ms) or '0',
--   N, then N pairs (event id, event JSON), M, then M event ids to delete (compaction)
-- then the shared ops to the end, each a tag and its operands:
--   n key field delta | x key at-ms | za key score member | zr key member | hs key field value | hd key field
-- Returns { 1 } when applied, else { 0, i, ... }: the positions (1-based) of the items that changed
-- meanwhile; nothing of the chunk was applied then.
local items = #KEYS - 1
local conflicts = { 0 }
for k = 1, items do
  local version = redis.call('HGET', KEYS[k + 1], '_v') or '0'
  if version ~= ARGV[1 + k] then
    conflicts[#conflicts + 1] = k
  end
end
if #conflicts > 1 then
  return conflicts
end

local p = 2 + items
for k = 1, items do
  local key = KEYS[k + 1]
  local len = tonumber(ARGV[p])
  local base = p + 1
  p = base + len
  local i = base + 3
  for _ = 1, tonumber(ARGV[base + 2]) do
    redis.call('HSET', key, ARGV[i], ARGV[i + 1])
    i = i + 2
  end
  local m = tonumber(ARGV[i])
  i = i + 1
  for _ = 1, m do
    redis.call('HDEL', key, ARGV[i])
    i = i + 1
  end
  redis.call('HSET', key, '_c', ARGV[base], '_v', tostring(tonumber(ARGV[1 + k]) + 1))
  if ARGV[base + 1] ~= '0' then
    redis.call('PEXPIREAT', key, ARGV[base + 1])
  else
    redis.call('PERSIST', key)
  end
end

if ARGV[1] ~= '' then
  redis.call('XADD', KEYS[1], '*', 'f', ARGV[1])
end

local i = p
local stop = #ARGV + 1
while i < stop do
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
    return redis.error_reply('apply_items: unknown op ' .. tostring(op))
  end
end
return { 1 }

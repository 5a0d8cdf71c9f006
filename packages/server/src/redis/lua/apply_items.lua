-- Applies the changes of several items in one call, each only if nobody changed it since it was read
-- (optimistic concurrency on the item's version), with the history facts of each change.
-- KEYS[1]      facts stream (history of live changes)
-- KEYS[2 ..]   the item keys, one per item, in order
-- ARGV         per item: L, the number of values of its section, then the section:
--   expected version, new contributions (JSON, stored as `_c`), expire-at (ms) or '0',
--   N, then N pairs (event id, event JSON), M, then M event ids to delete (compaction),
--   the facts (JSON) or '', then ops, each a tag and its operands:
--   n key field delta | x key at-ms | za key score member | zr key member | hs key field value | hd key field
-- Returns one value per item: 1 applied, 0 version conflict (nothing of that item was changed).
local results = {}
local p = 1
for k = 2, #KEYS do
  local key = KEYS[k]
  local len = tonumber(ARGV[p])
  local base = p + 1
  local stop = base + len
  p = stop
  local version = redis.call('HGET', key, '_v') or '0'
  if version ~= ARGV[base] then
    results[#results + 1] = 0
  else
    local i = base + 4
    for _ = 1, tonumber(ARGV[base + 3]) do
      redis.call('HSET', key, ARGV[i], ARGV[i + 1])
      i = i + 2
    end
    local m = tonumber(ARGV[i])
    i = i + 1
    for _ = 1, m do
      redis.call('HDEL', key, ARGV[i])
      i = i + 1
    end
    local facts = ARGV[i]
    i = i + 1
    if facts ~= '' then
      redis.call('XADD', KEYS[1], '*', 'f', facts)
    end
    redis.call('HSET', key, '_c', ARGV[base + 1], '_v', tostring(tonumber(version) + 1))
    if ARGV[base + 2] ~= '0' then
      redis.call('PEXPIREAT', key, ARGV[base + 2])
    else
      redis.call('PERSIST', key)
    end
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
    results[#results + 1] = 1
  end
end
return results

-- Applies the changes of several items in one call, all or nothing: only if nobody changed any of them
-- since they were read (optimistic concurrency on each item's version). The items' changes to shared
-- counters come summed over the whole chunk, so a counter that many items touch is written once.
-- Its arguments are encoded, and documented, by apply-items.ts beside it.
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

-- HSET of many fields, in calls of at most 1000 values (Lua's stack bounds unpack)
local function hsetAll(key, t)
  for s = 1, #t, 1000 do
    redis.call('HSET', key, unpack(t, s, math.min(s + 999, #t)))
  end
end

local p = 2 + items
for k = 1, items do
  local key = KEYS[k + 1]
  local len = tonumber(ARGV[p])
  local base = p + 1
  p = base + len
  local fields = { '_v', tostring(tonumber(ARGV[1 + k]) + 1) }
  if ARGV[base] ~= '' then
    fields[#fields + 1] = '_c'
    fields[#fields + 1] = ARGV[base]
  end
  if ARGV[base + 1] ~= '' then
    fields[#fields + 1] = '_s'
    fields[#fields + 1] = ARGV[base + 1]
  end
  local i = base + 4
  for _ = 1, tonumber(ARGV[base + 3]) do
    fields[#fields + 1] = ARGV[i]
    fields[#fields + 1] = ARGV[i + 1]
    i = i + 2
  end
  local m = tonumber(ARGV[i])
  i = i + 1
  for s = i, i + m - 1, 1000 do
    redis.call('HDEL', key, unpack(ARGV, s, math.min(s + 999, i + m - 1)))
  end
  hsetAll(key, fields)
  if ARGV[base + 2] ~= '0' then
    redis.call('PEXPIREAT', key, ARGV[base + 2])
  else
    redis.call('PERSIST', key)
  end
end

if ARGV[1] ~= '' then
  redis.call('XADD', KEYS[1], '*', 'f', ARGV[1])
end

-- counter deltas of one key (fields and deltas from ARGV[s], n values): its fields read in one call and
-- written in one, instead of one HINCRBY each. Counters are integers (sums of whole numbers of ms), far
-- below 2^53, so Lua's numbers hold them exactly; '%d' writes them as HINCRBY would.
local function addCounters(key, s, n)
  local fields = {}
  for j = s, s + n - 1, 2 do
    fields[#fields + 1] = ARGV[j]
  end
  local current = redis.call('HMGET', key, unpack(fields))
  local values = {}
  for f = 1, #fields do
    local stored = 0
    if current[f] then
      stored = tonumber(current[f])
      -- as HINCRBY would: a field that does not hold an integer is an error, never read as 0
      if stored == nil or stored ~= math.floor(stored) then
        error({ err = 'ERR hash value is not an integer: ' .. key .. ' ' .. fields[f] })
      end
    end
    values[#values + 1] = fields[f]
    values[#values + 1] = string.format('%d', stored + tonumber(ARGV[s + 2 * f - 1]))
  end
  redis.call('HSET', key, unpack(values))
end

-- operations on shared keys; the grouped ones carry how many values follow
local GROUPED = { za = 'ZADD', zr = 'ZREM', hs = 'HSET', hd = 'HDEL' }
local i = p
local stop = #ARGV + 1
while i < stop do
  local op = ARGV[i]
  if op == 'n' then
    addCounters(ARGV[i + 1], i + 3, tonumber(ARGV[i + 2]))
    i = i + 3 + tonumber(ARGV[i + 2])
  elseif op == 'x' then
    redis.call('PEXPIREAT', ARGV[i + 1], ARGV[i + 2])
    i = i + 3
  elseif GROUPED[op] then
    local n = tonumber(ARGV[i + 2])
    redis.call(GROUPED[op], ARGV[i + 1], unpack(ARGV, i + 3, i + 2 + n))
    i = i + 3 + n
  else
    return redis.error_reply('apply_items: unknown op ' .. tostring(op))
  end
end
return { 1 }

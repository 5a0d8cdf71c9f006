-- Appends the new events of one ingest batch to the stream, atomically with their dedup marks, unless
-- the stream is too far behind (backpressure, docs/operations.md): a batch is refused whole while a
-- backlog is at or past its bound, so a backlog passes its bound by at most one batch.
-- KEYS[1]  stream key
-- ARGV[1]  prefix of dedup keys              ARGV[2] dedup TTL (ms)
-- ARGV[3]  max entries held in the stream    ARGV[4] received-at (ms)
-- ARGV[5]  the live consumer group           ARGV[6] max events not yet delivered to it
-- ARGV[7]  max bytes held in the stream
-- ARGV[8..] pairs: event id, event JSON
-- Returns { 0, bound, backlog } when the batch is refused (bound: 'entries', 'events' or 'bytes'; backlog:
-- the figure that passed it, before this batch), else { 1, accepted, flags } where flags has one character
-- per event: '1' accepted, '0' duplicate.
--
-- Each entry carries, besides its events ('e') and their arrival time ('r'), how many events it holds
-- ('n') and running totals through it of events ('c') and of bytes of 'e' ('b'). Figures of the backlog
-- are then differences of two entries' totals, exact and O(log N) whatever the entries hold: nothing is
-- counted elsewhere that could drift. Totals restart from the entry before when the stream is empty.
local stream = KEYS[1]
local FIRST_PAIR = 8

local function field(fields, name)
  for i = 1, #fields, 2 do
    if fields[i] == name then return fields[i + 1] end
  end
  return nil
end

local function total(entry, name)
  if not entry then return nil end
  return tonumber(field(entry[2], name))
end

local function fmt(n)
  return string.format('%.0f', n)
end

local lastEvents, lastBytes = 0, 0
if redis.call('EXISTS', stream) == 1 then
  local held = redis.call('XLEN', stream)
  if held >= tonumber(ARGV[3]) then return { 0, 'entries', held } end

  local last = redis.call('XREVRANGE', stream, '+', '-', 'COUNT', 1)[1]
  lastEvents = total(last, 'c') or 0
  lastBytes = total(last, 'b') or 0
  -- totals before the oldest entry still held: what trimming has released
  local baseEvents, baseBytes = lastEvents, lastBytes
  local first = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1]
  if first then
    local c, n, b = total(first, 'c'), total(first, 'n'), total(first, 'b')
    if c and n then baseEvents = c - n end
    if b then baseBytes = b - #(field(first[2], 'e') or '') end
  end

  -- events not yet delivered to the live group: after its last delivered entry (which trimming keeps)
  local delivered = baseEvents
  for _, g in ipairs(redis.call('XINFO', 'GROUPS', stream)) do
    if field(g, 'name') == ARGV[5] then
      local id = field(g, 'last-delivered-id')
      if id and id ~= '0-0' then
        delivered = total(redis.call('XRANGE', stream, id, id)[1], 'c') or baseEvents
      end
    end
  end
  local lag = math.max(0, lastEvents - delivered)
  if lag >= tonumber(ARGV[6]) then return { 0, 'events', lag } end

  local heldBytes = math.max(0, lastBytes - baseBytes)
  if heldBytes >= tonumber(ARGV[7]) then return { 0, 'bytes', heldBytes } end
end

local accepted = {}
local flags = {}
for i = FIRST_PAIR, #ARGV, 2 do
  if redis.call('SET', ARGV[1] .. ARGV[i], '1', 'NX', 'PX', ARGV[2]) then
    accepted[#accepted + 1] = ARGV[i + 1]
    flags[#flags + 1] = '1'
  else
    flags[#flags + 1] = '0'
  end
end
if #accepted > 0 then
  local e = '[' .. table.concat(accepted, ',') .. ']'
  redis.call('XADD', stream, '*', 'e', e, 'r', ARGV[4], 'n', #accepted,
    'c', fmt(lastEvents + #accepted), 'b', fmt(lastBytes + #e))
end
return { 1, #accepted, table.concat(flags) }

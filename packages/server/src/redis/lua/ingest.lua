-- Appends the new events of one ingest batch to the stream, atomically with their dedup marks.
-- KEYS[1]  stream key
-- ARGV[1]  prefix of dedup keys      ARGV[2] dedup TTL (ms)
-- ARGV[3]  max backlog (entries)     ARGV[4] received-at (ms)
-- ARGV[5..] pairs: event id, event JSON
-- Returns { 0 } when the backlog is full, else { 1, accepted, flags } where flags has one
-- character per event: '1' accepted, '0' duplicate.
if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[3]) then
  return { 0 }
end
local accepted = {}
local flags = {}
for i = 5, #ARGV, 2 do
  if redis.call('SET', ARGV[1] .. ARGV[i], '1', 'NX', 'PX', ARGV[2]) then
    accepted[#accepted + 1] = ARGV[i + 1]
    flags[#flags + 1] = '1'
  else
    flags[#flags + 1] = '0'
  end
end
if #accepted > 0 then
  redis.call('XADD', KEYS[1], '*', 'e', '[' .. table.concat(accepted, ',') .. ']', 'r', ARGV[4])
end
return { 1, #accepted, table.concat(flags) }

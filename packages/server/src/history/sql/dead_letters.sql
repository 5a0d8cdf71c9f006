-- Dead letters, newest first: a page of them, after the cursor (time and id) of the page before when `first` is 0.
SELECT id, toUnixTimestamp64Milli(at) AS at_ms, table_name, entry_ids, error, row
FROM pulse.dead_letters
WHERE {first:UInt8} = 1
   OR (at, id) < (fromUnixTimestamp64Milli({before_ms:Int64}, 'UTC'), {before_id:String})
ORDER BY at DESC, id DESC
LIMIT {limit:UInt32}

SELECT toUInt64(count()) AS n, toUInt64(uniqExact(id)) AS unique_ids FROM pulse.events

-- Time each agent was online in each bucket of [from, to): buckets {step_ms} long from {from_ms}. A status lasts
-- until the agent's next status event (or `to`); the status before `from` carries in.
SELECT
    agent_id,
    toInt64(b) AS bucket,
    toInt64(sum(greatest(0, least(next_ms, {from_ms:Int64} + (b + 1) * {step_ms:Int64}) - greatest(ms, {from_ms:Int64} + b * {step_ms:Int64})))) AS online_ms
FROM
(
    SELECT
        agent_id,
        ms,
        next_ms,
        arrayJoin(range(
            toUInt64(intDiv(greatest(ms, {from_ms:Int64}) - {from_ms:Int64}, {step_ms:Int64})),
            toUInt64(intDiv(least(next_ms, {to_ms:Int64}) - 1 - {from_ms:Int64}, {step_ms:Int64}) + 1)
        )) AS b
    FROM
    (
        SELECT
            agent_id,
            JSONExtractString(payload, 'status') AS status,
            toUnixTimestamp64Milli(ts) AS ms,
            leadInFrame(toUnixTimestamp64Milli(ts), 1, toInt64({to_ms:Int64}))
                OVER (PARTITION BY agent_id ORDER BY ts, id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS next_ms
        FROM pulse.events FINAL
        WHERE type = 'agent.status_changed'
          AND ts < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
    )
    WHERE status = 'online'
      AND next_ms > {from_ms:Int64}
      AND ms < {to_ms:Int64}
)
GROUP BY agent_id, bucket

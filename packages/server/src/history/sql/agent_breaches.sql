-- Per-agent SLA breaches recorded (at their due moment) in [from, to).
SELECT agent_id, toInt64(count()) AS breaches
FROM
(
    SELECT substring(scope, length({agent_prefix:String}) + 1) AS agent_id, member, value, sum(sign) AS n
    FROM pulse.metric_values FINAL
    WHERE name = 'sla_breach' AND startsWith(scope, {agent_prefix:String})
      AND value >= {from_ms:Float64} AND value < {to_ms:Float64}
      AND (empty({agents:Array(String)}) OR substring(scope, length({agent_prefix:String}) + 1) IN {agents:Array(String)})
    GROUP BY agent_id, member, value
    HAVING n > 0
)
GROUP BY agent_id

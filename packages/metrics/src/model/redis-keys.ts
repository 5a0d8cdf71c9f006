// The Redis keys of a deployment outside the live state, under its prefix (`pulse:` by default).
export interface RedisKeys {
  prefix: string;
  /** the events stream */
  stream: string;
  /** facts of live changes, for history */
  facts: string;
  /** prefix of the dedup mark of an event id */
  seen: string;
  /** prefix of the live state (keys.ts) */
  live: string;
  /** a pub/sub channel */
  channel: (name: string) => string;
}

export function redisKeys(prefix: string): RedisKeys {
  return {
    prefix,
    stream: `${prefix}events`,
    facts: `${prefix}facts`,
    seen: `${prefix}seen:`,
    live: `${prefix}live:`,
    channel: (name) => `${prefix}ch:${name}`,
  };
}

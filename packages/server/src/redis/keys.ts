// Names of the Redis keys outside the live-state model (which names its own keys in @pulse/metrics).
export interface Keys {
  prefix: string;
  stream: string;
  /** facts of live changes, for history */
  facts: string;
  seen: string;
  live: string;
  channel: (name: string) => string;
}

export function keysFor(prefix: string): Keys {
  return {
    prefix,
    stream: `${prefix}events`,
    facts: `${prefix}facts`,
    seen: `${prefix}seen:`,
    live: `${prefix}live:`,
    channel: (name) => `${prefix}ch:${name}`,
  };
}

export const GROUPS = { live: 'live', history: 'history' } as const;
export type GroupName = keyof typeof GROUPS;

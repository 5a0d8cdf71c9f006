// Scopes of SPEC §2: every metric exists overall, per queue and per channel.
export const OVERALL = 'all';
export const queueScope = (queue: string): string => `q:${queue}`;
export const channelScope = (channel: string): string => `c:${channel}`;

export function scopesOf(queue: string | null | undefined, channel: string | null | undefined): string[] {
  const scopes = [OVERALL];
  if (queue) scopes.push(queueScope(queue));
  if (channel) scopes.push(channelScope(channel));
  return scopes;
}

/** Field name of a counter of one scope inside a bucket hash. */
export const scopedField = (scope: string, counter: string): string => `${scope}|${counter}`;

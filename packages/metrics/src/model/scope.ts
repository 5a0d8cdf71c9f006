// Scopes of SPEC §2: every metric exists overall, per queue and per channel; agents' own counters have
// a scope of their own. A scope is a string in Redis keys, in bucket fields (`<scope>|<counter>`) and in
// history rows (`metric_deltas.scope`); this is the one place that writes and reads that encoding.

export const OVERALL = 'all';
const QUEUE = 'q:';
const CHANNEL = 'c:';
const AGENT = 'agent:';

export type ScopeOf = { kind: 'all' } | { kind: 'queue'; id: string } | { kind: 'channel'; id: string } | { kind: 'agent'; id: string };

export const queueScope = (queue: string): string => QUEUE + queue;
export const channelScope = (channel: string): string => CHANNEL + channel;
export const agentScope = (agent: string): string => AGENT + agent;

/** How many characters the `agent:` prefix has: SQL strips it with `substring(scope, AGENT_PREFIX_LENGTH + 1)`. */
export const AGENT_PREFIX_LENGTH = AGENT.length;

export function buildScope(s: ScopeOf): string {
  switch (s.kind) {
    case 'all':
      return OVERALL;
    case 'queue':
      return queueScope(s.id);
    case 'channel':
      return channelScope(s.id);
    case 'agent':
      return agentScope(s.id);
  }
}

/** The scope a string encodes; throws on anything else (an empty id included): no scope is skipped silently. */
export function parseScope(scope: string): ScopeOf {
  if (scope === OVERALL) return { kind: 'all' };
  for (const [prefix, kind] of PREFIXES) {
    if (scope.startsWith(prefix) && scope.length > prefix.length) return { kind, id: scope.slice(prefix.length) };
  }
  throw new Error(`not a scope: ${JSON.stringify(scope)}`);
}

const PREFIXES: [string, 'queue' | 'channel' | 'agent'][] = [
  [QUEUE, 'queue'],
  [CHANNEL, 'channel'],
  [AGENT, 'agent'],
];

/** The queue of a queue scope, else null (never throws: for code that asks of any scope whether it is a queue's). */
export const queueOf = (scope: string): string | null => (scope.startsWith(QUEUE) && scope.length > QUEUE.length ? scope.slice(QUEUE.length) : null);
/** The channel of a channel scope, else null. */
export const channelOf = (scope: string): string | null => (scope.startsWith(CHANNEL) && scope.length > CHANNEL.length ? scope.slice(CHANNEL.length) : null);
/** The agent of an agent scope, else null. */
export const agentOf = (scope: string): string | null => (scope.startsWith(AGENT) && scope.length > AGENT.length ? scope.slice(AGENT.length) : null);

/** The scopes an item's outcomes count in: overall, its queue's and its channel's. */
export function scopesOf(queue: string | null | undefined, channel: string | null | undefined): string[] {
  const scopes = [OVERALL];
  if (queue) scopes.push(queueScope(queue));
  if (channel) scopes.push(channelScope(channel));
  return scopes;
}

/** Field name of a counter of one scope inside a bucket hash. Counters are names without `|`. */
export const scopedField = (scope: string, counter: string): string => `${scope}|${counter}`;

/** The scope and counter of a bucket field; throws when it is not one (the scope may hold `|`, the counter not). */
export function parseScopedField(field: string): { scope: string; counter: string } {
  const sep = field.lastIndexOf('|');
  if (sep <= 0 || sep === field.length - 1) throw new Error(`not a counter field: ${JSON.stringify(field)}`);
  const scope = field.slice(0, sep);
  parseScope(scope);
  return { scope, counter: field.slice(sep + 1) };
}

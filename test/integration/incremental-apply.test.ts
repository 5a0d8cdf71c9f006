// The live applier's two derivation paths on a real Redis: an item stored before incremental derivation
// (contributions as a JSON array of objects, no derivation state) is derived from all of its events once
// and stored in the compact form with its state; a later event then extends it from that state without
// reading its events; contributions that did not change are not written; a late event derives the item
// again from all of its events. After each step the live state equals the reference model's.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PulseEvent } from '@pulse/contracts';
import { DEFAULT_METRIC_SETTINGS, decodeContributions, deriveItem, referenceState, type Contribution } from '@pulse/metrics';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { defineScripts, type PulseRedis } from '../../packages/server/src/redis/scripts.ts';
import { LiveApplier } from '../../packages/server/src/live/applier.ts';

const P = 'inc:live:';
let redis: TestRedis;
let r: PulseRedis;
let applier: LiveApplier;
/** the `_c` and `_s` arguments of each item the script was given: '' is "not written" */
const written: { c: string; s: string }[] = [];

beforeAll(async () => {
  redis = await startRedis();
  // no auto-pipelining, so the script call can be watched
  r = defineScripts(new Redis(redis.url));
  const call = r.pulseApplyItems.bind(r);
  r.pulseApplyItems = (numKeys, ...args) => {
    const items = numKeys - 1;
    let p = 1 + items + 1 + items;
    for (let k = 0; k < items; k++) {
      written.push({ c: String(args[p + 1]), s: String(args[p + 2]) });
      p += 1 + Number(args[p]);
    }
    return call(numKeys, ...args);
  };
  applier = new LiveApplier(r, P, DEFAULT_METRIC_SETTINGS, pino({ level: 'silent' }), { publish: async () => {} }, 'inc:facts');
});
afterAll(async () => {
  r?.disconnect();
  await redis?.stop();
});

const T = Date.now() - 600_000;
const ev = (id: string, type: string, s: number, f: Record<string, unknown>) => ({ id, type, ts: T + s * 1000, chat_id: 'c1', ...f }) as PulseEvent;
const events: PulseEvent[] = [];

async function apply(...evs: PulseEvent[]): Promise<void> {
  events.push(...evs);
  written.length = 0;
  await applier.applyItems([{ ref: { kind: 'chat', id: 'c1' }, incoming: evs }], { facts: false });
}

/** The live state in Redis (besides the item's own hash) is exactly the reference model's over all events. */
async function matchesReference(): Promise<void> {
  const ref = referenceState(events, DEFAULT_METRIC_SETTINGS);
  const nonZero = (h: Record<string, string | number>) =>
    Object.fromEntries(
      Object.entries(h)
        .map(([f, v]) => [f, String(v)])
        .filter(([, v]) => v !== '0'),
    );
  const expected: Record<string, unknown> = {};
  for (const [key, fields] of ref.hashes) expected[key] = nonZero(Object.fromEntries(fields));
  for (const [key, members] of ref.zsets) expected[key] = [...members].sort((a, b) => a[1] - b[1]).flatMap(([m, s]) => [m, String(s)]);
  const actual: Record<string, unknown> = {};
  for (const full of await r.keys(`${P}*`)) {
    const key = full.slice(P.length);
    if (key.startsWith('it:')) continue;
    actual[key] = (await r.type(full)) === 'zset' ? await r.zrange(full, 0, -1, 'WITHSCORES') : nonZero(await r.hgetall(full));
  }
  for (const k of Object.keys(expected))
    if (Array.isArray(expected[k]) ? (expected[k] as unknown[]).length === 0 : Object.keys(expected[k] as object).length === 0) delete expected[k];
  for (const k of Object.keys(actual)) if (!Array.isArray(actual[k]) && Object.keys(actual[k] as object).length === 0) delete actual[k];
  expect(Object.keys(expected).length, Object.keys(expected).join(' ')).toBeGreaterThan(3); // buckets, scope uses, sets: not an empty comparison
  expect(actual).toEqual(expected);
}

describe('live applier: incremental and full derivation', () => {
  it('migrates an item stored in the former form, then extends it, skips unchanged contributions, and re-derives for a late event', async () => {
    // stored before: events, version, contributions as objects, no state; and the live state they made
    const first = [ev('e1', 'chat.requested', 0, { queue: 'billing' })];
    events.push(...first);
    const old = deriveItem({ kind: 'chat', id: 'c1' }, first, DEFAULT_METRIC_SETTINGS).contributions;
    await r.hset(`${P}it:chat:c1`, 'e1', JSON.stringify(first[0]), '_v', '1', '_c', JSON.stringify(old));
    for (const c of old as Contribution[]) {
      if (c.k === 'z') await r.zadd(P + c.key, c.s, c.m);
      else if (c.k === 'n') await r.hincrby(P + c.key, c.field, c.d);
      else await r.hset(P + c.key, c.field, c.v);
    }

    await apply(ev('e2', 'chat.answered', 20, { agent_id: 'a1' }));
    expect(applier.extended).toBe(0); // no state stored yet: derived from all events
    const item = await r.hgetall(`${P}it:chat:c1`);
    expect(Object.keys(item).sort()).toEqual(['_c', '_s', '_v', 'e1', 'e2']);
    expect(item._v).toBe('2');
    expect(JSON.parse(item._c!)).toHaveProperty('k'); // the compact form
    expect(decodeContributions(item._c!)).toEqual(deriveItem({ kind: 'chat', id: 'c1' }, events, DEFAULT_METRIC_SETTINGS).contributions);
    await matchesReference();

    // a later event that changes no contribution (a repeated request of an active chat): extended, `_c` not written
    await apply(ev('e3', 'chat.requested', 30, { queue: 'billing' }));
    expect(applier.extended).toBe(1);
    expect(written).toEqual([{ c: '', s: expect.stringContaining('"last":') }]);
    expect(await r.hget(`${P}it:chat:c1`, '_c')).toBe(item._c);
    await matchesReference();

    // a later event that changes them: extended, written
    await apply(ev('e4', 'chat.ended', 120, {}));
    expect(applier.extended).toBe(2);
    expect(written[0]!.c).not.toBe('');
    await matchesReference();

    // a late event (before the last one): derived again from all of the item's events
    await apply(ev('e5', 'chat.transferred', 60, { to_queue: 'sales' }));
    expect(applier.extended).toBe(2);
    expect(await r.hlen(`${P}it:chat:c1`)).toBe(3 + 5);
    await matchesReference();
  });
});

// The live applier on a real Redis with more items than one derivation slice and one chunk: chunks are applied
// while the next slices are derived, every item is applied once, and the shared counters are exactly the sum
// of the items'. When one chunk's script call fails, the batch fails, no later chunk starts, and the batch
// fails only after every call in flight has ended (none is left running behind the consumer's retry).
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { PulseEvent } from '@pulse/contracts';
import { DEFAULT_METRIC_SETTINGS, dayBucketKey, localDate, minuteBucketKey, minuteOf, scopeSetKey } from '@pulse/metrics';
import { useRedisConnection } from '../support/redis-connection.ts';
import type { PulseRedis } from '../../packages/server/src/redis/scripts.ts';
import { LiveApplier } from '../../packages/server/src/live/applier.ts';

const db = useRedisConnection('chunks');

const T = Date.now() - 600_000;
/** `n` chats of queue `q`, requested at T and answered 30 s later: one item each */
const chats = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => [
    { id: `${prefix}r${i}`, type: 'chat.requested', ts: T, chat_id: `${prefix}${i}`, queue: 'q' } as PulseEvent,
    { id: `${prefix}a${i}`, type: 'chat.answered', ts: T + 30_000, chat_id: `${prefix}${i}`, agent_id: 'ag' } as PulseEvent,
  ]);
const asItems = (list: PulseEvent[][]) =>
  list.map((events) => ({
    ref: { kind: 'chat' as const, id: events[0]!.type === 'chat.requested' ? (events[0] as { chat_id: string }).chat_id : '' },
    incoming: events,
  }));

describe('live applier: chunks applied while the next are derived', () => {
  it('applies 700 items (3 slices, 6 chunks) once each, counters summed exactly', async () => {
    const P = 'ch1:live:';
    const applier = new LiveApplier(db.r, P, DEFAULT_METRIC_SETTINGS, pino({ level: 'silent' }), { publish: async () => {} }, 'ch1:facts');
    const calls: number[] = [];
    const call = db.r.pulseApplyItems;
    const watched = Object.create(db.r) as PulseRedis;
    watched.pulseApplyItems = (numKeys, ...args) => {
      calls.push(numKeys - 1);
      return call.call(db.r, numKeys, ...args);
    };
    const a = new LiveApplier(watched, P, DEFAULT_METRIC_SETTINGS, pino({ level: 'silent' }), { publish: async () => {} }, 'ch1:facts');
    expect(await a.applyItems(asItems(chats('x', 700)), { facts: true })).toBe(700);
    expect(calls.sort((x, y) => y - x)).toEqual([128, 128, 128, 128, 128, 60]);
    const answeredAt = T + 30_000;
    const minute = await db.r.hgetall(P + minuteBucketKey(minuteOf(answeredAt)));
    expect([minute['all|answered'], minute['q:q|answered'], minute['all|wait_ms'], minute['all|sl_met']]).toEqual(['700', '700', String(700 * 30_000), '700']);
    const day = await db.r.hgetall(P + dayBucketKey(localDate(answeredAt, DEFAULT_METRIC_SETTINGS.timeZone)));
    expect(day['q:q|answered']).toBe('700');
    expect(await db.r.zcard(P + scopeSetKey('active', 'q:q'))).toBe(700);
    expect(await db.r.hget(`${P}scopes`, 'q:q')).toBe('700');
    expect(await db.r.xlen('ch1:facts')).toBe(6);
    // the same events again: nothing new, nothing applied
    expect(await applier.applyItems(asItems(chats('x', 700)), { facts: true })).toBe(0);
    expect((await db.r.hgetall(P + minuteBucketKey(minuteOf(answeredAt))))['all|answered']).toBe('700');
  });

  it('fails the batch when a chunk fails, once every chunk in flight has ended', async () => {
    const P = 'ch2:live:';
    let started = 0;
    let settled = 0;
    const call = db.r.pulseApplyItems;
    const failing = Object.create(db.r) as PulseRedis;
    failing.pulseApplyItems = async (numKeys, ...args) => {
      const n = ++started;
      try {
        if (n === 2) throw new Error('chunk 2 failed');
        // the others take a while, so they are still in flight when chunk 2 fails
        await new Promise((res) => setTimeout(res, 150));
        return await call.call(db.r, numKeys, ...args);
      } finally {
        settled++;
      }
    };
    const a = new LiveApplier(failing, P, DEFAULT_METRIC_SETTINGS, pino({ level: 'silent' }), { publish: async () => {} }, 'ch2:facts');
    await expect(a.applyItems(asItems(chats('y', 700)), { facts: true })).rejects.toThrow('chunk 2 failed');
    // the first slice's two chunks started together; chunk 2 failed at once, so no later slice was derived
    // and no chunk started after it, and chunk 1 (150 ms in flight) had ended before the batch failed
    expect(started).toBe(2);
    expect(settled).toBe(2);
  });
});

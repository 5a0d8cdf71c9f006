// SPEC §3, issue 18: alerts travel on the live stream as their own ops — a new alert whole, a changed one with
// only its changed fields, a resolved one removed — not inside every message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertChange, Snapshot } from '@pulse/contracts';
import { openStream } from '../support/live-stream.ts';
import { eventually, getJson, postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';
import { stateDiffs } from '../support/live-stream.ts';

let t: TestPulse;
beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false } });
});
afterAll(async () => {
  await t?.close();
});

const urgent = (id: string, minutesAgo: number) => ({
  id: `al-${id}`,
  type: 'ticket.created',
  ts: Date.now() - minutesAgo * 60_000,
  ticket_id: id,
  queue: 'alq',
  channel: 'email',
  priority: 'urgent',
});

describe('alerts on the live stream', () => {
  it('sends a new alert whole, then only what changes of it, and its removal when it resolves', async () => {
    const s = openStream(t.url);
    await s.ready;
    const ops = () => s.messages.flatMap((m) => (m.msg.type === 'patch' && m.msg.alerts ? [m.msg.alerts] : []));
    const breach = () => s.state()!.alerts.find((a) => a.rule === 'sla_breach' && a.scope.queue === 'alq');

    await postEvents(t.url, urgent('alt-1', 16));
    await eventually(
      async () => breach(),
      (a) => a !== undefined,
      10_000,
    );
    const fired = breach()!;
    const first = ops()
      .flatMap((o) => o.set ?? [])
      .find((a) => a.id === fired.id)!;
    // new: whole
    expect(first).toMatchObject({ id: fired.id, rule: 'sla_breach', severity: 'critical', state: 'firing', scope: { queue: 'alq' } });
    expect(first.items!.map((i) => i!.ticket_id)).toEqual(['alt-1']);

    // a second breach joins the roll-up: its items change, not its rule, scope or start
    const from = ops().length;
    await postEvents(t.url, urgent('alt-2', 17));
    await eventually(
      async () => breach()!.items?.length,
      (n) => n === 2,
      10_000,
    );
    const changes = ops()
      .slice(from)
      .flatMap((o) => o.set ?? [])
      .filter((a): a is AlertChange => a.id === fired.id);
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) expect(Object.keys(c)).not.toContain('rule');
    for (const c of changes) expect(Object.keys(c)).not.toContain('started_at');
    expect(changes.some((c) => c.items !== undefined)).toBe(true);

    // both replied to: the roll-up clears and goes from the stream's alerts
    await postEvents(
      t.url,
      ['alt-1', 'alt-2'].map((id) => ({ id: `al-r-${id}`, type: 'ticket.agent_replied', ts: Date.now(), ticket_id: id, agent_id: 'ag' })),
    );
    await eventually(
      async () => breach(),
      (a) => a === undefined,
      10_000,
    );
    expect(ops().flatMap((o) => o.removed ?? [])).toContain(fired.id);
    expect(stateDiffs(s.state()!, (await getJson(t.url, '/v1/live')).body as Snapshot)).toEqual([]);
    s.close();
  }, 40_000);
});

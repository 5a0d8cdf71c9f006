// SPEC §3, issue 18: the SLA lists of a snapshot are bounded (the most urgent first, `live.slaListLimit` each) and
// always come with their full counts; the whole lists are paged over REST (`GET /v1/live/sla?cursor=`); a stream
// is sent the changes of its bounded lists (a target leaving the list, the next one entering it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlaItem, Snapshot } from '@pulse/contracts';
import { openStream, stateDiffs } from '../support/live-stream.ts';
import { eventually, getJson, postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
let T: number;
const LIMIT = 5;

/** Urgent tickets (first reply due 15 min after creation): 12 breached (north 8, south 4; social b01, b05, b09, the rest
 * email), 7 at risk (north, email). */
const breachedAgo = (i: number) => 16 + i; // minutes
const riskAgo = (i: number) => 12 + i * 0.25;
const tickets = () => [
  ...Array.from({ length: 12 }, (_, i) => ({
    id: `sl-b${i}`,
    type: 'ticket.created',
    ts: T - breachedAgo(i) * 60_000,
    ticket_id: `b${String(i).padStart(2, '0')}`,
    queue: i % 3 === 2 ? 'south' : 'north',
    channel: i % 4 === 1 ? 'social' : 'email',
    priority: 'urgent',
  })),
  ...Array.from({ length: 7 }, (_, i) => ({
    id: `sl-r${i}`,
    type: 'ticket.created',
    ts: T - riskAgo(i) * 60_000,
    ticket_id: `r${i}`,
    queue: 'north',
    channel: 'email',
    priority: 'urgent',
  })),
];
/** breached: most overdue first (created earliest); at risk: least time left first (created earliest) */
const breachedOrder = () => Array.from({ length: 12 }, (_, i) => `b${String(11 - i).padStart(2, '0')}`);
const riskOrder = () => Array.from({ length: 7 }, (_, i) => `r${6 - i}`);

beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false }, alerts: { enabled: false }, live: { slaListLimit: LIMIT } });
  T = Date.now();
  await postEvents(t.url, tickets());
  await eventually(live, (s) => s.sla.total?.breached === 12 && s.sla.total.at_risk === 7);
});
afterAll(async () => {
  await t?.close();
});

async function live(path = '/v1/live'): Promise<Snapshot> {
  return (await getJson(t.url, path)).body as Snapshot;
}
const ids = (items: SlaItem[]) => items.map((i) => i.ticket_id);

async function pages(query: string, limit: number): Promise<{ items: SlaItem[]; sizes: number[]; totals: number[] }> {
  const items: SlaItem[] = [];
  const sizes: number[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  do {
    const res = await getJson(t.url, `/v1/live/sla?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    sizes.push(res.body.items.length);
    totals.push(res.body.total);
    cursor = res.body.next_cursor;
  } while (cursor);
  return { items, sizes, totals };
}

describe('bounded SLA lists', () => {
  it('lists the most urgent targets of each kind, with the full counts', async () => {
    const s = await live();
    expect(ids(s.sla.breached)).toEqual(breachedOrder().slice(0, LIMIT));
    expect(ids(s.sla.at_risk)).toEqual(riskOrder().slice(0, LIMIT));
    expect(s.sla.total).toEqual({ breached: 12, at_risk: 7 });
    expect(s.overall.sla_breached).toBe(12);
    // the most overdue: created 27 min ago, due 12 min ago
    expect(s.sla.breached[0]).toMatchObject({
      ticket_id: 'b11',
      target: 'first_reply',
      due_at: new Date(T - 12 * 60_000).toISOString(),
      priority: 'urgent',
      queue: 'south',
    });
    expect(s.sla.breached[0]?.remaining_s).toBe((T - 12 * 60_000 - Date.parse(s.at)) / 1000);
  });

  it('narrows them to a queue with its own counts', async () => {
    const south = await live('/v1/live?queue=south');
    expect(ids(south.sla.breached)).toEqual(['b11', 'b08', 'b05', 'b02']);
    expect(south.sla.at_risk).toEqual([]);
    expect(south.sla.total).toEqual({ breached: 4, at_risk: 0 });
    const north = await live('/v1/live?queue=north');
    expect(ids(north.sla.breached)).toEqual(
      breachedOrder()
        .filter((id) => Number(id.slice(1)) % 3 !== 2)
        .slice(0, LIMIT),
    );
    expect(north.sla.total).toEqual({ breached: 8, at_risk: 7 });
  });

  it('narrows them to a channel, and to a queue and a channel together, with their counts', async () => {
    const social = await live('/v1/live?channel=social');
    expect(ids(social.sla.breached)).toEqual(['b09', 'b05', 'b01']);
    expect(social.sla.at_risk).toEqual([]);
    expect(social.sla.total).toEqual({ breached: 3, at_risk: 0 });
    const email = await live('/v1/live?channel=email');
    expect(ids(email.sla.breached)).toEqual(['b11', 'b10', 'b08', 'b07', 'b06']);
    expect(ids(email.sla.at_risk)).toEqual(riskOrder().slice(0, LIMIT));
    expect(email.sla.total).toEqual({ breached: 9, at_risk: 7 });
    const southSocial = await live('/v1/live?queue=south&channel=social');
    expect(ids(southSocial.sla.breached)).toEqual(['b05']);
    expect(southSocial.sla.total).toEqual({ breached: 1, at_risk: 0 });
    const paged = await pages('kind=breached&channel=social', 2);
    expect(ids(paged.items)).toEqual(['b09', 'b05', 'b01']);
    expect(paged.totals).toEqual([3, 3]);
  });

  it('pages through a whole list in order, a cursor after another', async () => {
    const breached = await pages('kind=breached', 5);
    expect(breached.sizes).toEqual([5, 5, 2]);
    expect(breached.totals).toEqual([12, 12, 12]);
    expect(ids(breached.items)).toEqual(breachedOrder());
    const risk = await pages('kind=at_risk&queue=north', 3);
    expect(risk.sizes).toEqual([3, 3, 1]);
    expect(ids(risk.items)).toEqual(riskOrder());
    expect((await pages('kind=breached&queue=nowhere', 5)).items).toEqual([]);
  });

  it('refuses a cursor it did not give and a kind it does not know', async () => {
    expect((await getJson(t.url, '/v1/live/sla?kind=breached&cursor=bm90IG9uZQ')).status).toBe(400);
    expect((await getJson(t.url, '/v1/live/sla?kind=late')).status).toBe(400);
    expect((await getJson(t.url, '/v1/live/sla?kind=breached&limit=0')).status).toBe(400);
    expect((await fetch(`${t.url}/v1/live/sla?kind=breached`)).status).toBe(401);
  });

  it('streams the bounded lists: a target that leaves is removed and the next one enters', async () => {
    const s = openStream(t.url);
    await s.ready;
    expect(ids(s.state()!.sla.breached)).toEqual(breachedOrder().slice(0, LIMIT));
    const from = s.messages.length;
    // the most overdue target is met late: it leaves the list and the sixth enters it
    await postEvents(t.url, { id: 'sl-reply', type: 'ticket.agent_replied', ts: Date.now(), ticket_id: 'b11', agent_id: 'ag' });
    await eventually(
      async () => s.state()!.sla.total?.breached,
      (n) => n === 11,
      5_000,
    );
    const change = s.messages.slice(from).flatMap((m) => (m.msg.type === 'patch' && m.msg.sla ? [m.msg.sla] : []));
    expect(change.flatMap((c) => c.breached?.removed ?? [])).toEqual([['b11', 'first_reply']]);
    expect(change.flatMap((c) => c.breached?.set ?? []).map((i) => i.ticket_id)).toEqual([breachedOrder()[LIMIT]]);
    expect(ids(s.state()!.sla.breached)).toEqual(breachedOrder().slice(1, LIMIT + 1));
    expect(stateDiffs(s.state()!, await live())).toEqual([]);
    s.close();
  });
});

// CSV exports hold data from events: a queue or id that begins with `=`, `+`, `-` or `@` must reach a
// spreadsheet as text, never as a formula (OWASP, CSV injection): the cell is prefixed with a single
// quote and quoted. Numbers, and strings that are plain numbers, stay as they are.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../packages/server/src/history/csv.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
const T = Date.UTC(2026, 10, 20, 10, 0, 0);
const at = (sec: number) => T + sec * 1000;
const LINK = '=HYPERLINK("http://x")';

beforeAll(async () => {
  t = await startTestPulse({ alerts: { enabled: false } });
  const events = [
    // a chat waiting 20 s in the queue =HYPERLINK("http://x"), handled 100 s by agent -2+3
    { id: 'x-c1', type: 'chat.requested', ts: at(0), chat_id: '@SUM(1)', queue: LINK },
    { id: 'x-c1a', type: 'chat.answered', ts: at(20), chat_id: '@SUM(1)', agent_id: '-2+3' },
    { id: 'x-c1e', type: 'chat.ended', ts: at(120), chat_id: '@SUM(1)' },
    // a ticket whose id is a plain negative number, in the queue @SUM(1), with a tab at the start of its agent's id
    { id: 'x-t1', type: 'ticket.created', ts: at(60), ticket_id: '-10', queue: '@SUM(1)', channel: 'email', priority: 'high', agent_id: '\tcmd' },
  ];
  expect((await postEvents(t.url, events)).body.accepted).toBe(events.length);
  const redis = new Redis(t.redis.url);
  const prefix = t.pulse.config.redis.prefix;
  await eventually(
    async () => {
      const groups = (await redis.xinfo('GROUPS', `${prefix}facts`)) as (string | number)[][];
      const len = await redis.xlen(`${prefix}facts`);
      if (len === 0 || !groups.every((g) => g[g.indexOf('pending') + 1] === 0)) return 0;
      const r = await getJson(t.url, `/v1/history/items?from=${T}&to=${at(3600)}`, TOKENS.manager);
      return r.body.items?.length ?? 0;
    },
    (n) => n === 2,
    20_000,
  );
  redis.disconnect();
});
afterAll(async () => t?.close());

describe('CSV export', () => {
  it('neutralises cells that a spreadsheet would run as formulas, through GET /v1/history/items?format=csv', async () => {
    const res = await fetch(`${t.url}/v1/history/items?from=${T}&to=${at(3600)}&format=csv`, {
      headers: { authorization: `Bearer ${TOKENS.manager}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await res.text()).split('\r\n');
    expect(lines).toEqual([
      'kind,id,queue,channel,agent_id,status,priority,tier,started_at,answered_at,ended_at,wait_s,handle_s,frt_s,reassignments,reopened,abandoned,csat,sla_met,sla_breached',
      `chat,"'@SUM(1)","'=HYPERLINK(""http://x"")",chat,"'-2+3",ended,,,2026-11-20T10:00:00.000Z,2026-11-20T10:00:20.000Z,2026-11-20T10:02:00.000Z,20,100,,0,false,false,,0,0`,
      `ticket,-10,"'@SUM(1)",email,"'\tcmd",new,high,standard,2026-11-20T10:01:00.000Z,,,,,,0,false,false,,0,2`,
      '',
    ]);
    // the JSON answer keeps the data as it is
    const json = await getJson(t.url, `/v1/history/items?from=${T}&to=${at(3600)}`, TOKENS.manager);
    expect(json.body.items.map((i: { id: string; queue: string; agent_id: string }) => [i.id, i.queue, i.agent_id])).toEqual([
      ['@SUM(1)', LINK, '-2+3'],
      ['-10', '@SUM(1)', '\tcmd'],
    ]);
  });

  it('keeps numbers as numbers, negative ones too, and quotes only what RFC 4180 needs otherwise', () => {
    expect([-5, -0.25, 1e21, 0].map(csvCell)).toEqual(['-5', '-0.25', '1e+21', '0']);
    expect(['-5', '+3.5', '-1e3', '-.5'].map(csvCell)).toEqual(['-5', '+3.5', '-1e3', '-.5']);
    expect(['-5+1', '+cmd', '@x', '=1', '\rx', '\0=1', '-'].map(csvCell)).toEqual([`"'-5+1"`, `"'+cmd"`, `"'@x"`, `"'=1"`, `"'\rx"`, `"'\0=1"`, `"'-"`]);
    expect(['a,b', 'say "hi"', 'plain', 'a=b'].map(csvCell)).toEqual(['"a,b"', '"say ""hi"""', 'plain', 'a=b']);
    expect([null, undefined, true, { q: '=x' }].map(csvCell)).toEqual(['', '', 'true', '"{""q"":""=x""}"']);
  });
});

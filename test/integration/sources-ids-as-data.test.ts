// SPEC §1 for the help-desk sources: team names, channel types, inbox and user ids from a webhook are data.
// A Chatwoot team named `constructor`, an inbox channel type `toString` and an assignee `valueOf` map to
// a queue, a channel and an agent like any other, not to members of Object.prototype.
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPulse, type TestPulse } from '../support/pulse.ts';

const TOKEN = 'cw-path-token-ids-as-data-0001';

let t: TestPulse;
let redis: Redis;
beforeAll(async () => {
  t = await startTestPulse({
    workers: { live: false, history: false },
    alerts: { enabled: false },
    // assignments answer chats here (the option; by default the first agent reply does)
    sources: { chatwoot: { token: TOKEN, teams: { '3': 'billing' }, answerOnAssignment: true } },
  });
  redis = new Redis(t.redis.url);
});
afterAll(async () => {
  redis?.disconnect();
  await t?.close();
});

const conversation = () => JSON.parse(readFileSync(new URL('../fixtures/sources/chatwoot/conversation-created.json', import.meta.url), 'utf8')).payload;

async function post(body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.url}/v1/sources/chatwoot/${TOKEN}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function stored(id: string): Promise<Record<string, unknown> | undefined> {
  const entries = await redis.xrange(`${t.pulse.config.redis.prefix}events`, '-', '+');
  const events = entries.flatMap(([, f]) => JSON.parse(f[f.indexOf('e') + 1]!) as Record<string, unknown>[]);
  return events.find((e) => e.id === id);
}

describe('chatwoot names that are Object.prototype members', () => {
  it('map a team named constructor to its queue and an assignee valueOf to its agent', async () => {
    const c = conversation();
    c.id = 501;
    c.meta.team = { id: 77, name: 'constructor' };
    c.meta.assignee = { id: 'valueOf', name: 'Val', type: 'user' };
    const r = await post(c);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 2, duplicates: 0, ignored: 0, events: ['cw-501-requested', 'cw-501-created-answered-valueOf'] });
    expect(await stored('cw-501-requested')).toMatchObject({ type: 'chat.requested', chat_id: 'cw-501', queue: 'constructor', channel: 'chat' });
    expect(await stored('cw-501-created-answered-valueOf')).toMatchObject({ type: 'chat.answered', chat_id: 'cw-501', agent_id: 'cw-agent-valueOf' });
  });

  it('treat an inbox channel type named toString as an unknown type (a chat on the chat channel)', async () => {
    const c = conversation();
    c.id = 502;
    c.channel = 'toString';
    c.inbox_id = 9;
    const r = await post(c);
    expect(r.status).toBe(202);
    expect(await stored('cw-502-requested')).toMatchObject({ type: 'chat.requested', chat_id: 'cw-502', queue: 'inbox-9', channel: 'chat' });
  });
});

import { it } from 'vitest';
import { openStream } from '../support/live-stream.ts';
import { postEvents, startTestPulse } from '../support/pulse.ts';

it('churn', async () => {
  const t = await startTestPulse({ workers: { live: true, history: false } });
  const now = Date.now();
  await postEvents(t.url, [16, 14.5, 14, 13.8, 13.6, 13.4].map((ago, i) => ({ id: `d-t${i}`, type: 'ticket.created', ts: now - ago * 60_000, ticket_id: `D-${i}`, queue: ['a', 'b'][i % 2], channel: 'email', priority: 'urgent' })));
  await postEvents(t.url, [{ id: 'c1', type: 'chat.requested', ts: now - 200_000, chat_id: 'c1', queue: 'a' }]);
  const s = openStream(t.url);
  await s.ready;
  await new Promise((r) => setTimeout(r, 20_000));
  const sizes: Record<string, number> = {};
  for (const m of s.messages) {
    if (m.msg.type !== 'patch') continue;
    for (const [k, v] of Object.entries(m.msg)) sizes[k] = (sizes[k] ?? 0) + JSON.stringify(v).length;
  }
  console.log(s.messages.length, JSON.stringify(sizes));
  const alertPatches = s.messages.filter((m) => m.msg.type === 'patch' && m.msg.alerts);
  console.log(JSON.stringify(alertPatches.slice(0, 3).map((m) => m.msg)).slice(0, 3000));
  await t.close();
}, 60_000);

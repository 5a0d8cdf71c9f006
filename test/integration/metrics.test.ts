// Issue 20: /metrics with prom-client. Every family has HELP and TYPE and `promtool check metrics` passes;
// labels by route, source and consumer group; histograms along the path of an event (ingest, apply to
// live state, push to boards, insert into history); stream backlog per group; WebSocket clients; process
// and Node.js runtime metrics; build info; and every name the docs and tests already use, unchanged.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition, sampleValue, type Exposition } from '../support/exposition.ts';
import { PROMTOOL, promtool } from '../support/promtool.ts';
import { eventually, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
let ws: WebSocket;
let text: string;
let e: Exposition;
const T = Date.now() - 60_000;

async function scrape(): Promise<Exposition> {
  text = await (await fetch(`${t.url}/metrics`)).text();
  return parseExposition(text);
}

beforeAll(async () => {
  t = await startTestPulse({ alerts: { enabled: false } });
  ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/live/stream?token=${TOKENS.viewer}`);
  let snapshots = 0;
  // the snapshot on connect, then a patch with the change
  ws.on('message', (m) => (['snapshot', 'patch'].includes(JSON.parse(String(m)).type) ? snapshots++ : 0));
  await new Promise((r) => ws.once('open', r));
  const reply = await postEvents(t.url, [
    { id: 'm-1', type: 'chat.requested', ts: T, chat_id: 'c1', queue: 'billing' },
    { id: 'm-2', type: 'chat.requested', ts: T + 1000, chat_id: 'c2', queue: 'billing' },
    { id: 'm-3', type: 'chat.answered', ts: T + 2000, chat_id: 'c1', agent_id: 'a1' },
    { id: 'm-bad', type: 'chat.requested', ts: T, chat_id: 'c3' },
  ]);
  expect(reply.status).toBe(202);
  await postEvents(t.url, [{ id: 'm-1', type: 'chat.requested', ts: T, chat_id: 'c1', queue: 'billing' }]);
  // applied, pushed to the board, written to history
  e = await eventually(
    scrape,
    (x) =>
      (sampleValue(x, 'pulse_items_applied_total') ?? 0) >= 2 &&
      (sampleValue(x, 'pulse_history_rows_written_total') ?? 0) >= 3 &&
      (sampleValue(x, 'pulse_push_latency_seconds_count') ?? 0) >= 1 &&
      (sampleValue(x, 'pulse_history_insert_duration_seconds_count', { writer: 'facts' }) ?? 0) >= 1 &&
      snapshots >= 2,
  );
});
afterAll(async () => {
  ws?.close();
  await t?.close();
});

describe('/metrics', () => {
  it.skipIf(!PROMTOOL)('passes promtool check metrics', () => {
    const r = promtool(['check', 'metrics'], text);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('gives every metric family HELP text and a TYPE', () => {
    expect(e.type.size).toBeGreaterThan(30);
    for (const name of e.type.keys()) expect(e.help.get(name), name).toMatch(/\S{3}/);
    for (const s of e.samples) {
      const family = e.type.has(s.name) ? s.name : s.name.replace(/_(bucket|sum|count|total|created)$/, '');
      expect(e.type.has(family) || e.type.has(s.name), `no TYPE for ${s.name}`).toBe(true);
    }
  });

  it('labels requests by route, ingest by source, and the stream by consumer group', () => {
    expect(sampleValue(e, 'pulse_http_requests_total', { method: 'POST', route: '/v1/events', status: '202' })).toBe(2);
    expect(sampleValue(e, 'pulse_ingest_events_total', { source: 'api', outcome: 'accepted' })).toBe(3);
    expect(sampleValue(e, 'pulse_ingest_events_total', { source: 'api', outcome: 'duplicate' })).toBe(1);
    expect(sampleValue(e, 'pulse_ingest_events_total', { source: 'api', outcome: 'rejected' })).toBe(1);
    for (const group of ['live', 'history']) {
      expect(sampleValue(e, 'pulse_stream_backlog', { stream: 'events', group }), group).toBeGreaterThanOrEqual(0);
      expect(sampleValue(e, 'pulse_stream_pending', { stream: 'events', group }), group).toBeGreaterThanOrEqual(0);
    }
    expect(sampleValue(e, 'pulse_stream_backlog', { stream: 'facts', group: 'history' })).toBeGreaterThanOrEqual(0);
  });

  it('has histograms of ingest latency, apply lag, push latency and history insert time', () => {
    for (const [name, labels] of [
      ['pulse_ingest_duration_seconds', { source: 'api' }],
      ['pulse_http_request_duration_seconds', { method: 'POST', route: '/v1/events' }],
      ['pulse_apply_lag_seconds', {}],
      ['pulse_push_latency_seconds', {}],
      ['pulse_history_insert_duration_seconds', { writer: 'events' }],
      ['pulse_history_insert_duration_seconds', { writer: 'facts' }],
    ] as const) {
      expect(e.type.get(name), name).toBe('histogram');
      expect(sampleValue(e, `${name}_count`, labels), name).toBeGreaterThan(0);
      expect(sampleValue(e, `${name}_bucket`, { ...labels, le: '+Inf' }), name).toBe(sampleValue(e, `${name}_count`, labels));
    }
    // an event reaches the live state within seconds, not never
    expect(sampleValue(e, 'pulse_apply_lag_seconds_sum')! / sampleValue(e, 'pulse_apply_lag_seconds_count')!).toBeLessThan(10);
  });

  it('has a gauge of WebSocket clients, process and Node.js runtime metrics, and the build', () => {
    expect(e.type.get('pulse_websocket_clients')).toBe('gauge');
    expect(sampleValue(e, 'pulse_websocket_clients')).toBe(1);
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(
        e.samples.some((s) => s.name === name),
        name,
      ).toBe(true);
    }
    expect(e.type.get('nodejs_gc_duration_seconds')).toBe('histogram');
    expect(sampleValue(e, 'pulse_build_info', { version: '0.2.0', node: process.version })).toBe(1);
  });

  it('keeps every pulse_* name the docs and tests use, unlabelled and of the same kind', () => {
    const kept = [
      'pulse_stream_length',
      'pulse_items_applied_total',
      'pulse_items_failed_total',
      'pulse_history_rows_written_total',
      'pulse_history_dead_letters_total',
      'pulse_websocket_clients',
      'pulse_websocket_pushes_total',
      'pulse_websocket_buffered_bytes',
      'pulse_websocket_buffered_bytes_max',
      'pulse_websocket_sends_coalesced_total',
      'pulse_websocket_slow_closed_total',
      'pulse_websocket_pong_timeouts_total',
      'pulse_websocket_refused_total',
      'pulse_websocket_refused_token_total',
      'pulse_websocket_refused_address_total',
      'pulse_alert_evaluations_total',
      'pulse_source_zendesk_ignored_total',
      'pulse_source_zendesk_unknown_types_total',
      'pulse_source_chatwoot_unknown_types_total',
    ];
    for (const name of kept) {
      expect(text, name).toMatch(new RegExp(`^${name} \\S+$`, 'm'));
      expect(e.type.get(name), name).toBe(name.endsWith('_total') ? 'counter' : 'gauge');
    }
    expect(sampleValue(e, 'pulse_history_rows_written_total')).toBeGreaterThanOrEqual(3);
  });
});

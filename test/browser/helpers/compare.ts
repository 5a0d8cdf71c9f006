// Checks a reading of the board against GET /v1/live: every figure formatted by the board's own rules
// (format.ts), every colour level from GET /v1/board/config, ticking figures within a couple of seconds.
// Returns the differences as sentences, so a failing test says exactly which figure is wrong.
import type { Snapshot, WindowMetrics } from '@pulse/contracts';
import { formatCount, formatDuration, formatPct } from '../../../packages/wallboard/src/format.ts';
import type { BoardReading, Figure } from './read-board.ts';

interface Threshold {
  amber: number;
  red: number;
  direction: 'above' | 'below';
}
interface MinSample {
  offered: number;
  csat_responses: number;
}
export interface BoardConfig {
  time_zone: string;
  thresholds: { default: Record<string, Threshold>; byQueue: Record<string, Record<string, Threshold>> };
  queue_names?: Record<string, string>;
  min_sample?: { default: MinSample; byQueue: Record<string, MinSample> };
}

/** The rule of the issue, written out again here so the test does not trust the board's own code for it. */
export function expectedLevel(t: Threshold | undefined, v: number | null | undefined): string {
  if (!t || v == null) return 'neutral';
  if (t.direction === 'above') return v >= t.red ? 'red' : v >= t.amber ? 'amber' : 'green';
  return v <= t.red ? 'red' : v <= t.amber ? 'amber' : 'green';
}

/** A window figure gets a colour only on its minimum sample (the alert rules' 5); below it it is neutral. */
export function expectedSampled(t: Threshold | undefined, v: number | null | undefined, n: number, min: number): string {
  return n < min ? 'neutral' : expectedLevel(t, v);
}

/** At risk is a warning everywhere: never red. */
const noRed = (level: string) => (level === 'red' ? 'amber' : level);

/** The SLA panel's group of a ticket: breached within the hour, at risk, or breached longer ago. */
export function expectedGroup(state: 'breached' | 'at_risk', remainingS: number | null): string {
  return state === 'at_risk' ? 'at_risk' : (remainingS ?? 0) >= -3600 ? 'recent' : 'overdue';
}

/** Seconds a ticking figure may differ by: the page was read a moment before the snapshot was taken. */
const TICK_SLACK_S = 3;

export interface CompareOptions {
  locale?: string;
  /** The board shows only these queues: its totals and counts are over them, so only tiles and rows are compared. */
  queues?: string[];
  /** The URL's `tz`, which wins over the server's board time zone. */
  timeZone?: string;
}

export function compareBoard(page: BoardReading, snap: Snapshot, config: BoardConfig, { locale = 'en', queues, timeZone }: CompareOptions = {}): string[] {
  const diffs: string[] = [];
  const same = (where: string, got: Figure | undefined, text: string, level?: string) => {
    if (!got) return diffs.push(`${where}: missing`);
    if (got.text !== text) diffs.push(`${where}: shows "${got.text}", /v1/live says "${text}"`);
    if (level !== undefined && got.level !== level) diffs.push(`${where}: level ${got.level}, expected ${level}`);
  };
  const near = (where: string, got: Figure | undefined, seconds: number) => {
    if (!got || got.value === null) return diffs.push(`${where}: no value`);
    if (Math.abs(got.value - seconds) > TICK_SLACK_S) diffs.push(`${where}: ${got.value} s on the page, ${seconds.toFixed(1)} s in /v1/live`);
    if (got.text !== formatDuration(got.value)) diffs.push(`${where}: text "${got.text}" is not ${got.value} s formatted`);
  };
  const def = config.thresholds.default;
  const o = snap.overall;
  const minOf = (queue: string | null): MinSample =>
    (queue !== null && config.min_sample?.byQueue[queue]) || config.min_sample?.default || { offered: 5, csat_responses: 5 };

  if (!queues) {
    const ow = o.windows['15m'];
    same('total waiting', page.totals['total-waiting'], formatCount(o.waiting, locale), expectedLevel(def.waiting, o.waiting));
    same(
      'total service level',
      page.totals['total-service-level'],
      formatPct(ow.service_level_pct, locale),
      expectedSampled(def.service_level_pct, ow.service_level_pct, ow.offered, minOf(null).offered),
    );
    same(
      'total abandon rate',
      page.totals['total-abandon-rate'],
      formatPct(ow.abandon_rate_pct, locale),
      expectedSampled(def.abandon_rate_pct, ow.abandon_rate_pct, ow.offered, minOf(null).offered),
    );
    same('total active chats', page.totals['total-active-chats'], formatCount(o.active_chats, locale));
    same('total agents online', page.totals['total-agents-online'], formatCount(o.agents_online, locale));
    same('total utilization', page.totals['total-utilization'], formatPct(o.utilization_pct, locale), expectedLevel(def.utilization_pct, o.utilization_pct));
    same('total SLA breached', page.totals['total-sla-breached'], formatCount(o.sla_breached, locale), expectedLevel(def.sla_breached, o.sla_breached));
    same('total SLA at risk', page.totals['total-sla-at-risk'], formatCount(o.sla_at_risk, locale), noRed(expectedLevel(def.sla_at_risk, o.sla_at_risk)));
    near('total longest wait', page.totals['total-longest-wait'], o.waiting > 0 ? o.longest_wait_s : 0);
  }

  const shownQueues = page.tiles.map((t) => t.queue).sort();
  const liveQueues = Object.keys(snap.queues)
    .filter((q) => !queues || queues.includes(q))
    .sort();
  if (shownQueues.join() !== liveQueues.join()) diffs.push(`tiles ${shownQueues.join()} ≠ queues ${liveQueues.join()}`);
  for (const tile of page.tiles) {
    const m = snap.queues[tile.queue];
    if (!m) continue;
    const th = { ...def, ...config.thresholds.byQueue[tile.queue] };
    const min = minOf(tile.queue);
    const w = m.windows['15m'] as WindowMetrics;
    const csat = m.windows['60m'].csat_pct;
    const f = tile.figures;
    const at = (name: string) => `${tile.queue} ${name}`;
    const title = config.queue_names?.[tile.queue] ?? tile.queue;
    if (tile.title !== title) diffs.push(`${tile.queue}: titled "${tile.title}", expected "${title}"`);
    same(at('waiting'), f.waiting, formatCount(m.waiting, locale), expectedLevel(th.waiting, m.waiting));
    near(at('longest wait'), f['longest-wait'], m.waiting > 0 ? m.longest_wait_s : 0);
    if (f['longest-wait']?.value != null && f['longest-wait'].level !== expectedLevel(th.longest_wait_s, f['longest-wait'].value)) {
      diffs.push(`${at('longest wait')}: level ${f['longest-wait'].level} for ${f['longest-wait'].value} s`);
    }
    same(
      at('service level'),
      f['service-level'],
      formatPct(w.service_level_pct, locale),
      expectedSampled(th.service_level_pct, w.service_level_pct, w.offered, min.offered),
    );
    same(at('ASA'), f.asa, formatDuration(w.asa_s), expectedSampled(th.asa_s, w.asa_s, w.answered, min.offered));
    same(
      at('abandon rate'),
      f['abandon-rate'],
      formatPct(w.abandon_rate_pct, locale),
      expectedSampled(th.abandon_rate_pct, w.abandon_rate_pct, w.offered, min.offered),
    );
    same(at('CSAT'), f.csat, formatPct(csat, locale), expectedSampled(th.csat_pct, csat, m.windows['60m'].csat_responses, min.csat_responses));
    // A figure below its sample says its sample.
    if (w.service_level_pct !== null && w.offered < min.offered && f['service-level']?.sample !== w.offered)
      diffs.push(`${at('service level')}: sample ${f['service-level']?.sample}, expected ${w.offered}`);
    if (f.unsolved && f.unsolved.level !== null) {
      same(at('unsolved'), f.unsolved, formatCount(m.unsolved_tickets, locale), expectedLevel(th.unsolved_tickets, m.unsolved_tickets));
      same(at('unassigned'), f.unassigned, formatCount(m.unassigned_tickets, locale), expectedLevel(th.unassigned_tickets, m.unassigned_tickets));
      if (m.unassigned_tickets === 0) same(at('oldest unassigned'), f['oldest-unassigned'], '—', expectedLevel(th.oldest_unassigned_s, 0));
      else near(at('oldest unassigned'), f['oldest-unassigned'], m.oldest_unassigned_s);
    }
  }

  const agents = new Map(snap.agents.map((a) => [a.id, a]));
  const at = Date.parse(snap.at);
  for (const row of page.agents) {
    const a = agents.get(row.id);
    if (!a) {
      diffs.push(`agent ${row.id}: not in /v1/live`);
      continue;
    }
    if (row.status !== a.status) diffs.push(`agent ${row.id}: status ${row.status}, /v1/live says ${a.status}`);
    same(
      `agent ${row.id} load`,
      row.load,
      `${formatCount(a.active_chats, locale)}/${formatCount(a.chat_capacity, locale)}`,
      a.status === 'online' ? expectedLevel(def.load_pct, a.load_pct) : 'neutral',
    );
    if (a.status_since) near(`agent ${row.id} time in status`, row.time, (at - Date.parse(a.status_since)) / 1000);
  }
  if (page.agentCounts && !queues) {
    const count = (s: string) => snap.agents.filter((a) => a.status === s).length;
    const want = { online: count('online'), away: count('away'), offline: count('offline') };
    if (JSON.stringify(page.agentCounts) !== JSON.stringify(want)) diffs.push(`agent counts ${JSON.stringify(page.agentCounts)} ≠ ${JSON.stringify(want)}`);
  }

  // The SLA panel: one row per ticket, with its worst target (breached before at risk, then the least time left).
  const items = [...snap.sla.breached.map((i) => ['breached', i] as const), ...snap.sla.at_risk.map((i) => ['at_risk', i] as const)];
  const worst = new Map<string, { state: 'breached' | 'at_risk'; i: (typeof items)[number][1] }>();
  for (const [state, i] of items) {
    if (queues && (i.queue === null || !queues.includes(i.queue))) continue;
    const cur = worst.get(i.ticket_id);
    const left = (x: typeof i) => x.remaining_s ?? Infinity;
    if (!cur || (state === 'breached' && cur.state === 'at_risk') || (state === cur.state && left(i) < left(cur.i))) worst.set(i.ticket_id, { state, i });
  }
  const seen = new Set<string>();
  for (const row of page.sla) {
    const live = worst.get(row.ticket);
    if (seen.has(row.ticket)) diffs.push(`SLA ${row.ticket}: more than one row`);
    seen.add(row.ticket);
    if (!live) {
      diffs.push(`SLA ${row.ticket} ${row.target}: not in /v1/live`);
      continue;
    }
    if (live.i.target !== row.target) diffs.push(`SLA ${row.ticket}: shows ${row.target}, its worst target is ${live.i.target}`);
    if (live.state !== row.state) diffs.push(`SLA ${row.ticket} ${row.target}: ${row.state}, /v1/live says ${live.state}`);
    if (live.i.remaining_s === null) {
      if (row.countdown.value !== null) diffs.push(`SLA ${row.ticket}: paused in /v1/live but counting on the page`);
    } else if (row.countdown.value === null || Math.abs(row.countdown.value - live.i.remaining_s) > TICK_SLACK_S) {
      diffs.push(`SLA ${row.ticket} ${row.target}: ${row.countdown.value} s left on the page, ${live.i.remaining_s.toFixed(1)} s in /v1/live`);
    }
  }
  if (page.slaCounts && !queues) {
    const want = { recent: 0, at_risk: 0, overdue: 0 };
    for (const { state, i } of worst.values()) want[expectedGroup(state, i.remaining_s) as keyof typeof want]++;
    for (const g of ['recent', 'at_risk', 'overdue'] as const) {
      if (page.slaCounts[g] !== formatCount(want[g], locale)) diffs.push(`SLA ${g} count "${page.slaCounts[g]}" ≠ ${want[g]}`);
    }
  }

  // The ticker carries queue and agent alerts (and per-queue roll-ups), not one alert per ticket.
  const active = snap.alerts.filter((a) => (a.state === 'firing' || a.state === 'acknowledged') && !a.scope?.ticket_id && !a.scope?.chat_id);
  if (page.alertCount !== null && !queues && page.alertCount !== formatCount(active.length, locale))
    diffs.push(`alert count ${page.alertCount} ≠ ${active.length}`);
  const alertIds = new Set(active.map((a) => a.id));
  for (const a of page.alerts) if (!alertIds.has(a.id)) diffs.push(`alert ${a.id} (${a.rule}): not active in /v1/live`);

  const zone = timeZone ?? config.time_zone;
  if (page.timeZone !== zone) diffs.push(`time zone ${page.timeZone} ≠ ${zone}`);
  return diffs;
}

// The alert engine: evaluates every rule against the live state and turns conditions into alerts, one per
// rule and subject (SPEC §4). A condition fires once it has held for its rule's `for`; while it holds the
// alert is updated, escalated when critical and unacknowledged, delivered again when a roll-up worsens by a
// step; once its clearing has held as long (`alerts.flapMs` for one that fired again soon after its
// predecessor ended) it resolves (or, for an at-risk roll-up whose items became
// breaches, is superseded). Snoozed alerts fire again at their end if their condition still holds. What is
// delivered is decided here: never a quiet alert (old events) nor a silenced one.
import { randomBytes } from 'node:crypto';
import { alertMessage, alertTitle, OPEN_STATES, type Alert, type AlertLang, type Silence, type Snapshot } from '@pulse/contracts';
import type { MetricSettings, StateReader } from '@pulse/metrics';
import type { Redis } from 'ioredis';
import type { AlertsConfig } from '../config/schema.ts';
import type { AlertChange, AlertChanges, AlertEvent } from './changes.ts';
import { alertKey, iso, type Condition } from './condition.ts';
import { ruleContext, type Display } from './context.ts';
import { freshCount, isRollup, mergeItems, movedToBreach } from './rollup.ts';
import { RULES } from './rules/index.ts';
import { silencesOf, type SilenceStore } from './silences.ts';
import { strip, type AlertStore, type StoredAlert } from './store.ts';
import { clearingHoldMs, forMsOf, heldFor, isQuiet } from './timing.ts';
import { TurnBudget } from '../loop/turns.ts';

const newId = (now: number) => `al_${now.toString(36)}_${randomBytes(4).toString('hex')}`;

export interface EngineDeps {
  redis: Redis;
  livePrefix: string;
  /** the instance's reader of live state */
  reader: Pick<StateReader, 'zrangeByScore' | 'hmget'>;
  store: AlertStore;
  changes: AlertChanges;
  silences: SilenceStore;
  snapshot: (now: number) => Promise<Snapshot>;
  config: AlertsConfig;
  timeZone: string;
  settings: MetricSettings;
  display: Display;
}

export class AlertEngine {
  constructor(private readonly deps: EngineDeps) {}

  async evaluate(requested = Date.now()): Promise<AlertChange[]> {
    const { store, config } = this.deps;
    const snapshot = await this.deps.snapshot(requested);
    const open = await store.open();
    const ctx = await ruleContext(this.deps, snapshot, requested, open);
    // the moment of what the rules read (ruleContext), from here on
    const now = ctx.now;
    const conditions = new Map<string, Condition>();
    // a turn of the event loop between rules and between alerts once one has run a while (a big floor's
    // evaluation is ~100 ms of work)
    const turns = new TurnBudget();
    for (const rule of RULES) {
      for (const c of rule(ctx)) {
        conditions.set(alertKey(c.rule, c.subject), c);
        await turns.spend();
      }
    }
    const [silences, pending, ended] = await Promise.all([this.deps.silences.list(now), store.pending(), store.ended(now, config.flapMs)]);

    const changes: AlertChange[] = [];
    const opened = new Map<string, StoredAlert>();
    const newlyPending = new Map<string, number>();
    // new conditions first: a breach roll-up opened now is where its queue's at-risk items moved
    for (const [key, cond] of conditions) {
      if (open.has(key)) continue;
      await turns.spend();
      const seen = pending.get(key) ?? now;
      if (!heldFor(cond.since, seen, forMsOf(config, cond.rule), now)) {
        if (cond.since === null && !pending.has(key)) newlyPending.set(key, now);
        continue;
      }
      // fired again soon after its predecessor ended: a flap
      const before = ended.get(key);
      const alert = this.fire(key, cond, now, seen, silences, before ? before.flaps + 1 : 0);
      await store.create(alert);
      opened.set(key, alert);
      changes.push({ event: 'firing', at: now, alert: strip(alert), notify: alert.notified });
    }
    const stale = [...pending.keys()].filter((k) => !conditions.has(k) || opened.has(k));
    await store.setPending(newlyPending, stale);

    for (const [key, alert] of open) {
      await turns.spend();
      if (!OPEN_STATES.includes(alert.state)) {
        await store.deactivate(key, alert.id);
        continue;
      }
      changes.push(...(await this.follow(alert, conditions.get(key), { conditions, open, opened, silences, now })));
    }
    if (changes.length > 0) await this.deps.changes.record(changes);
    return changes;
  }

  private render(alert: Alert, now: number): { title: string; message: string } {
    const o = { lang: this.deps.config.lang as AlertLang, timeZone: this.deps.timeZone, now };
    return { title: alertTitle(alert, o), message: alertMessage(alert, o) };
  }

  private fire(key: string, c: Condition, now: number, firstSeen: number, silences: Silence[], flaps: number): StoredAlert {
    const { config } = this.deps;
    const items = c.items ? mergeItems(undefined, c.items, now, config.quietAfterMs) : undefined;
    const latest = c.latest !== undefined ? c.latest : c.since;
    const quiet = items ? freshCount(items) === 0 : isQuiet(latest, now, config.quietAfterMs);
    const alert: StoredAlert = {
      key,
      id: newId(now),
      rule: c.rule,
      severity: c.severity,
      state: 'firing',
      scope: c.scope,
      title: '',
      message: '',
      value: c.value,
      threshold: c.threshold,
      started_at: iso(now),
      acknowledged_at: null,
      acknowledged_by: null,
      resolved_at: null,
      escalated_at: null,
      ...(c.suggestion ? { suggestion: c.suggestion } : {}),
      ...(items ? { items } : {}),
      details: c.details,
      since: iso(c.since ?? firstSeen),
      fired_at: iso(now),
      ack_note: null,
      snoozed_until: null,
      snoozed_by: null,
      superseded_at: null,
      superseded_by: null,
      silenced_by: [],
      quiet,
      notified: false,
      notified_count: 0,
      clearing_since: null,
      flaps,
    };
    alert.silenced_by = silencesOf(silences, alert);
    alert.notified = !quiet && alert.silenced_by.length === 0;
    alert.notified_count = alert.notified ? freshCount(items) : 0;
    Object.assign(alert, this.render(alert, now));
    return alert;
  }

  /** An open alert against its condition now (undefined: not found). */
  private async follow(
    alert: StoredAlert,
    cond: Condition | undefined,
    o: { conditions: Map<string, Condition>; open: Map<string, StoredAlert>; opened: Map<string, StoredAlert>; silences: Silence[]; now: number },
  ): Promise<AlertChange[]> {
    const { config, store } = this.deps;
    const { now } = o;
    const fields = new Set<keyof Alert>();
    const events: [AlertEvent, boolean][] = [];
    const set = <K extends keyof Alert>(k: K, v: Alert[K]) => {
      if (JSON.stringify(alert[k] ?? null) !== JSON.stringify(v ?? null)) {
        (alert as Alert)[k] = v;
        fields.add(k);
      }
    };
    const deliverable = () => !alert.quiet && (alert.silenced_by?.length ?? 0) === 0;
    const finish = async (): Promise<AlertChange[]> => {
      if (fields.size === 0 && events.length === 0) return [];
      await store.put(alert, [...fields]);
      const plain = strip({ ...alert });
      if (events.length === 0) return [{ event: 'updated', at: now, alert: plain }];
      return events.map(([event, notify]) => ({ event, at: now, alert: plain, notify }));
    };
    set('silenced_by', silencesOf(o.silences, alert));

    if (!cond) {
      // clearing must hold for the rule's `for` too (for a flapping alert, `flapMs`)
      const clearingSince = alert.clearing_since ? Date.parse(alert.clearing_since) : now;
      if (!alert.clearing_since) set('clearing_since', iso(now));
      if (now - clearingSince < clearingHoldMs(config, alert.rule, alert.flaps)) return finish();
      const subject = alert.key.slice(alert.rule.length + 1);
      const breachKey = alertKey('sla_breach', subject);
      const moved = alert.rule === 'sla_at_risk' ? movedToBreach(alert.items, o.conditions.get(breachKey)) : [];
      if (moved.length > 0) {
        // its last items became breaches: they moved to the breach roll-up, which tells
        set('state', 'superseded');
        set('superseded_at', iso(now));
        set('superseded_by', (o.opened.get(breachKey) ?? o.open.get(breachKey))?.id ?? null);
        events.push(['superseded', false]);
      } else {
        const wasSnoozed = alert.state === 'snoozed';
        set('state', 'resolved');
        set('resolved_at', iso(now));
        // delivered when its firing was, and not for an alert a lead had put away
        events.push(['resolved', !wasSnoozed && alert.notified === true && deliverable()]);
      }
      const changes = await finish();
      await store.deactivate(alert.key, alert.id);
      await store.setEnded(alert.key, now, alert.flaps ?? 0);
      return changes;
    }

    if (alert.clearing_since) set('clearing_since', null);
    const raised = alert.severity === 'warning' && cond.severity === 'critical';
    set('severity', cond.severity);
    set('value', cond.value);
    set('threshold', cond.threshold);
    set('scope', cond.scope);
    set('details', cond.details);
    if (cond.suggestion) set('suggestion', cond.suggestion);
    const rollup = isRollup(alert);
    if (cond.items) set('items', mergeItems(alert.items, cond.items, now, config.quietAfterMs));
    const fresh = freshCount(alert.items);
    if (rollup && !alert.notified) set('quiet', fresh === 0);
    set('silenced_by', silencesOf(o.silences, alert));

    const deliverNow = () => {
      set('notified', true);
      if (rollup) set('notified_count', fresh);
    };
    if (alert.state === 'snoozed') {
      if (Date.parse(alert.snoozed_until ?? '') <= now) {
        // the snooze is over and the condition still holds: it fires again
        set('state', 'firing');
        set('snoozed_until', null);
        set('snoozed_by', null);
        set('acknowledged_at', null);
        set('acknowledged_by', null);
        set('ack_note', null);
        set('escalated_at', null);
        set('fired_at', iso(now));
        const d = deliverable();
        if (d) deliverNow();
        events.push(['firing', d]);
      }
    } else if (raised) {
      // a rise to critical fires again and starts the escalation clock again
      set('fired_at', iso(now));
      const d = deliverable();
      if (d) deliverNow();
      events.push(['firing', d]);
    } else if (!alert.notified && alert.state === 'firing' && deliverable()) {
      // first delivery: a silence ended, or a quiet roll-up got a fresh item
      set('fired_at', iso(now));
      deliverNow();
      events.push(['firing', true]);
    } else if (rollup && alert.notified && deliverable() && fresh >= (alert.notified_count ?? 0) + config.rollupStep) {
      set('notified_count', fresh);
      events.push(['worsened', true]);
    }
    if (
      alert.severity === 'critical' &&
      alert.state === 'firing' &&
      alert.escalated_at === null &&
      alert.notified === true &&
      deliverable() &&
      now - Date.parse(alert.fired_at ?? alert.started_at) >= config.escalateAfterMs
    ) {
      set('escalated_at', iso(now));
      events.push(['escalated', true]);
    }
    const text = this.render(alert, now);
    set('title', text.title);
    set('message', text.message);
    return finish();
  }
}

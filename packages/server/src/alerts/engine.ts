// The alert engine: evaluates every rule against the live state and turns conditions into alerts —
// one per rule and subject; fired when a condition appears, updated while it holds, escalated when a
// critical alert stays unacknowledged, resolved by itself when the condition clears. An alert resolved
// by hand stays resolved until its condition clears (no re-firing while it holds).
import { randomBytes } from 'node:crypto';
import { recordOf, setOwn, type Alert, type AlertRule, type AlertSeverity, type Snapshot } from '@pulse/contracts';
import type { MetricSettings } from '@pulse/metrics';
import type { Redis } from 'ioredis';
import type { AlertsConfig } from '../config/schema.ts';
import type { AlertChange, AlertChanges } from './changes.ts';
import { alertKey, type Condition, type RuleContext } from './condition.ts';
import { RULES } from './rules/index.ts';
import type { AlertStore } from './store.ts';
import { queueThresholds } from './thresholds.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const newId = (now: number) => `al_${now.toString(36)}_${randomBytes(4).toString('hex')}`;

export class AlertEngine {
  constructor(
    private readonly deps: {
      redis: Redis;
      livePrefix: string;
      store: AlertStore;
      changes: AlertChanges;
      snapshot: (now: number) => Promise<Snapshot>;
      config: AlertsConfig;
      settings: MetricSettings;
    },
  ) {}

  async evaluate(now = Date.now()): Promise<AlertChange[]> {
    const { store } = this.deps;
    const snapshot = await this.deps.snapshot(now);
    const activeIds = await store.activeIds();
    const active = new Map<string, Alert & { key: string }>();
    for (const [key, id] of Object.entries(activeIds)) {
      const a = await store.get(id);
      if (a) active.set(key, a);
    }
    const ctx = await this.context(snapshot, now, active);
    const conditions = new Map<string, Condition>();
    for (const rule of RULES) for (const c of rule(ctx)) conditions.set(alertKey(c.rule, c.subject), c);

    const changes: AlertChange[] = [];
    const suppressed = new Set(await this.deps.redis.smembers(store.suppressedKey()));
    for (const [key, alert] of active) {
      const cond = conditions.get(key);
      if (alert.state === 'resolved') {
        await store.deactivate(key, alert.id);
        continue;
      }
      if (!cond) {
        Object.assign(alert, { state: 'resolved', resolved_at: iso(now) });
        await store.put(alert, ['state', 'resolved_at']);
        await store.deactivate(key, alert.id);
        changes.push({ event: 'resolved', at: now, alert: { ...alert } });
        continue;
      }
      changes.push(...(await this.update(alert, cond, now)));
    }
    for (const [key, cond] of conditions) {
      if (active.has(key) || suppressed.has(key)) continue;
      const alert = this.fire(key, cond, now);
      await store.create(alert);
      changes.push({ event: 'firing', at: now, alert: { ...alert } });
    }
    const cleared = [...suppressed].filter((k) => !conditions.has(k));
    if (cleared.length > 0) await this.deps.redis.srem(store.suppressedKey(), ...cleared);
    if (changes.length > 0) await this.deps.changes.record(changes.map(({ alert, ...c }) => ({ ...c, alert: strip(alert) })));
    return changes;
  }

  private fire(key: string, c: Condition, now: number): Alert & { key: string } {
    return {
      key,
      id: newId(now),
      rule: c.rule,
      severity: c.severity,
      state: 'firing',
      scope: c.scope,
      title: c.title,
      message: c.message,
      value: c.value,
      threshold: c.threshold,
      started_at: iso(now),
      acknowledged_at: null,
      acknowledged_by: null,
      resolved_at: null,
      escalated_at: null,
      ...(c.suggestion ? { suggestion: c.suggestion } : {}),
    };
  }

  private async update(alert: Alert & { key: string }, c: Condition, now: number): Promise<AlertChange[]> {
    const out: AlertChange[] = [];
    const fields: (keyof Alert)[] = [];
    const set = <K extends keyof Alert>(k: K, v: Alert[K]) => {
      if (JSON.stringify(alert[k] ?? null) !== JSON.stringify(v ?? null)) {
        (alert as Alert)[k] = v;
        fields.push(k);
      }
    };
    const raised = alert.severity === 'warning' && c.severity === 'critical';
    set('severity', c.severity);
    set('title', c.title);
    set('message', c.message);
    set('value', c.value);
    set('threshold', c.threshold);
    set('scope', c.scope);
    if (c.suggestion) set('suggestion', c.suggestion);
    if (raised) {
      // a rise to critical starts the escalation clock again
      set('started_at', iso(now));
      out.push({ event: 'firing', at: now, alert: { ...alert } });
    }
    const unacknowledgedFor = now - Date.parse(alert.started_at);
    if (
      alert.severity === 'critical' &&
      alert.state === 'firing' &&
      alert.escalated_at === null &&
      unacknowledgedFor >= this.deps.config.escalateAfterMs
    ) {
      set('escalated_at', iso(now));
      out.push({ event: 'escalated', at: now, alert: { ...alert } });
    }
    if (fields.length === 0) return out;
    await this.deps.store.put(alert, fields);
    return out.length > 0 ? out : [{ event: 'updated', at: now, alert: { ...alert } }];
  }

  private async context(snapshot: Snapshot, now: number, active: Map<string, Alert>): Promise<RuleContext> {
    const { redis, livePrefix, config, settings } = this.deps;
    const severity = new Map<string, AlertSeverity>();
    for (const [key, a] of active) if (a.state !== 'resolved') severity.set(key, a.severity);
    const agentItems: RuleContext['agentItems'] = {};
    await Promise.all(
      snapshot.agents
        .filter((a) => a.status !== 'online')
        .map(async (a) => {
          const [chats, tickets] = await Promise.all([
            redis.zrange(`${livePrefix}agentchats:${a.id}`, 0, -1),
            redis.zrange(`${livePrefix}agenttickets:${a.id}`, 0, -1),
          ]);
          if (chats.length + tickets.length > 0) setOwn(agentItems, a.id, { chats: chats.sort(), tickets: tickets.sort() });
        }),
    );
    const reassignedRaw = await redis.hgetall(`${livePrefix}reassigned`);
    const reassigned: RuleContext['reassigned'] = recordOf(Object.entries(reassignedRaw).map(([t, v]) => [t, JSON.parse(v)]));
    return {
      snapshot,
      now,
      thresholds: (queue) => queueThresholds(config, settings, queue),
      hysteresis: config.hysteresis,
      active: (rule: AlertRule, subject: string) => severity.get(alertKey(rule, subject)) ?? null,
      agentItems,
      reassigned,
      pingpongReassignments: config.pingpongReassignments,
    };
  }
}

const strip = (a: Alert & { key?: string }): Alert => {
  const { key: _key, ...rest } = a;
  return rest;
};

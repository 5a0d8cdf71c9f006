// What a lead does to an alert: acknowledge it (who and when are recorded) or resolve it by hand.
import type { Alert } from '@pulse/contracts';
import type { Redis } from 'ioredis';
import type { AlertChanges } from './changes.ts';
import type { AlertStore } from './store.ts';

export type ActionResult = { ok: true; alert: Alert } | { ok: false; status: 404 | 409; error: string };

export async function acknowledge(store: AlertStore, changes: AlertChanges, id: string, by: string, now = Date.now()): Promise<ActionResult> {
  const alert = await store.get(id);
  if (!alert) return { ok: false, status: 404, error: `no alert ${id}` };
  if (alert.state !== 'firing') return { ok: false, status: 409, error: `alert ${id} is ${alert.state}, not firing` };
  Object.assign(alert, { state: 'acknowledged', acknowledged_at: new Date(now).toISOString(), acknowledged_by: by });
  await store.put(alert, ['state', 'acknowledged_at', 'acknowledged_by']);
  const { key: _k, ...plain } = alert;
  await changes.record([{ event: 'acknowledged', at: now, alert: plain }]);
  return { ok: true, alert: plain };
}

export async function resolveByHand(
  store: AlertStore,
  changes: AlertChanges,
  redis: Redis,
  id: string,
  by: string,
  now = Date.now(),
): Promise<ActionResult> {
  const alert = await store.get(id);
  if (!alert) return { ok: false, status: 404, error: `no alert ${id}` };
  if (alert.state === 'resolved') return { ok: false, status: 409, error: `alert ${id} is already resolved` };
  Object.assign(alert, { state: 'resolved', resolved_at: new Date(now).toISOString() });
  if (alert.acknowledged_by === null) Object.assign(alert, { acknowledged_by: by, acknowledged_at: alert.resolved_at });
  await store.put(alert, ['state', 'resolved_at', 'acknowledged_by', 'acknowledged_at']);
  // the condition may still hold: do not fire again for it until it has cleared
  await redis.sadd(store.suppressedKey(), alert.key);
  await store.deactivate(alert.key, alert.id);
  const { key: _k, ...plain } = alert;
  await changes.record([{ event: 'resolved', at: now, alert: plain }]);
  return { ok: true, alert: plain };
}

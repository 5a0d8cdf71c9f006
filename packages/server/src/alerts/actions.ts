// What a lead does to an alert: acknowledge it (who, when, an optional note), one or many at once; resolve
// it, which for an alert whose condition still holds is a snooze until a time (it fires again then if the
// condition still holds: SPEC §4), or snooze it outright.
import type { Alert } from '@pulse/contracts';
import type { AlertChanges } from './changes.ts';
import { strip, type AlertStore } from './store.ts';

export type ActionResult = { ok: true; alert: Alert } | { ok: false; status: 400 | 404 | 409; error: string };

const iso = (ms: number) => new Date(ms).toISOString();

export async function acknowledge(
  store: AlertStore,
  changes: AlertChanges,
  id: string,
  by: string,
  note: string | null = null,
  now = Date.now(),
): Promise<ActionResult> {
  const alert = await store.get(id);
  if (!alert) return { ok: false, status: 404, error: `no alert ${id}` };
  if (alert.state !== 'firing') return { ok: false, status: 409, error: `alert ${id} is ${alert.state}, not firing` };
  Object.assign(alert, { state: 'acknowledged', acknowledged_at: iso(now), acknowledged_by: by, ack_note: note });
  await store.put(alert, ['state', 'acknowledged_at', 'acknowledged_by', 'ack_note']);
  await changes.record([{ event: 'acknowledged', at: now, alert: strip(alert) }]);
  return { ok: true, alert: strip(alert) };
}

/** Acknowledges each alert; one result per id, in order. */
export async function acknowledgeMany(
  store: AlertStore,
  changes: AlertChanges,
  ids: string[],
  by: string,
  note: string | null = null,
  now = Date.now(),
): Promise<ActionResult[]> {
  const out: ActionResult[] = [];
  for (const id of [...new Set(ids)]) out.push(await acknowledge(store, changes, id, by, note, now));
  return out;
}

/**
 * Resolves an alert by hand. Its condition still holds (the engine has not found it clear): snoozed until
 * `until` instead, so it cannot be lost while the problem is still there.
 */
export async function resolveOrSnooze(
  store: AlertStore,
  changes: AlertChanges,
  id: string,
  by: string,
  until: number,
  now = Date.now(),
): Promise<ActionResult> {
  const alert = await store.get(id);
  if (!alert) return { ok: false, status: 404, error: `no alert ${id}` };
  if (alert.state === 'resolved' || alert.state === 'superseded') return { ok: false, status: 409, error: `alert ${id} is already ${alert.state}` };
  const holds = alert.clearing_since == null;
  if (alert.acknowledged_by === null) Object.assign(alert, { acknowledged_by: by, acknowledged_at: iso(now) });
  if (holds) {
    Object.assign(alert, { state: 'snoozed', snoozed_until: iso(until), snoozed_by: by });
    await store.put(alert, ['state', 'snoozed_until', 'snoozed_by', 'acknowledged_by', 'acknowledged_at']);
    await changes.record([{ event: 'snoozed', at: now, alert: strip(alert) }]);
    return { ok: true, alert: strip(alert) };
  }
  Object.assign(alert, { state: 'resolved', resolved_at: iso(now), snoozed_until: null });
  await store.put(alert, ['state', 'resolved_at', 'snoozed_until', 'acknowledged_by', 'acknowledged_at']);
  await store.deactivate(alert.key, alert.id);
  await store.setEnded(alert.key, now, alert.flaps ?? 0);
  // its readers heard it fire: they hear it resolve
  const notify = alert.notified === true && !alert.quiet && (alert.silenced_by?.length ?? 0) === 0;
  await changes.record([{ event: 'resolved', at: now, alert: strip(alert), notify }]);
  return { ok: true, alert: strip(alert) };
}

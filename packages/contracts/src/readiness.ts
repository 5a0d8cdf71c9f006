// The reply of `GET /readyz`: whether this instance should take traffic, and how each part of it is.
// Ingest and the live view need Redis (and, for live, a working live consumer); history needs ClickHouse.
// A history outage leaves the instance ready (ingest and live go on, history catches up later) but
// says so: status `degraded`, and `parts.history` names the reason.

/** `ready`, or what is wrong: `unavailable: <reason>` for ingest and live, `degraded: <reason>` for history. */
export type PartState = string;

export interface ReadinessReply {
  /** `ready`; `degraded` (ready, with history behind); `not ready` (answered with 503) */
  status: 'ready' | 'degraded' | 'not ready';
  parts: { ingest: PartState; live: PartState; history: PartState | 'disabled' };
  /** each check by name (`redis`, `clickhouse`, `consumer <group> on <stream>`): `ok` or what failed */
  checks: Record<string, string>;
}

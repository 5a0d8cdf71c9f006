// How old a signed delivery may be (docs/sources.md, "Retries and clock skew"). Within 5 minutes of the
// server's clock a signature is fresh. Older, it is a retry only if it carries its delivery id
// (X-Zendesk-Webhook-Invocation-Id, X-Chatwoot-Delivery), which both vendors keep for every attempt of one
// delivery: it is accepted up to the source's `retryWindowMs` after signing. A signature is bound to the
// delivery id it first came with for that window, so a captured request cannot come back as another
// delivery. Event ids stay deterministic, so an accepted retry of a stored delivery is a duplicate.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SourceName } from './common.ts';

/** How far a signature may be from the server's clock and still be fresh: older is a replay or a retry, newer a wrong clock. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

export interface SignedDelivery {
  source: SourceName;
  /** the signature header as received */
  signature: string;
  /** the timestamp header as received, for messages */
  timestamp: string;
  signedAt: number;
  /** the delivery id header, the same for every attempt of one delivery */
  deliveryId: string | undefined;
  /** the name of that header, for messages */
  deliveryHeader: string;
}

export type Admission = { ok: true; late: boolean } | { ok: false; error: string };

export class DeliveryLedger {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Whether a delivery with a valid signature is admitted for its age (and, with a delivery id, its binding). */
  async admit(d: SignedDelivery, now: number, retryWindowMs: number): Promise<Admission> {
    const age = now - d.signedAt;
    if (-age > REPLAY_WINDOW_MS) {
      return { ok: false, error: `the signature timestamp ${d.timestamp} is more than 5 minutes in the future: check the clocks` };
    }
    const late = age > REPLAY_WINDOW_MS;
    if (late && d.deliveryId === undefined) {
      return {
        ok: false,
        error: `the signature timestamp ${d.timestamp} is more than 5 minutes old and the request has no ${d.deliveryHeader}: a replayed or late delivery is refused`,
      };
    }
    if (late && age > retryWindowMs) {
      return {
        ok: false,
        error: `the signature timestamp ${d.timestamp} is older than the retry window (${retryWindowMs / 60_000} min): a replayed or late delivery is refused`,
      };
    }
    if (d.deliveryId !== undefined && !(await this.bind(d, Math.max(retryWindowMs, REPLAY_WINDOW_MS) + REPLAY_WINDOW_MS))) {
      return {
        ok: false,
        error: `this signature was already used by another delivery than ${d.deliveryHeader} ${d.deliveryId}: a replayed delivery is refused`,
      };
    }
    return { ok: true, late };
  }

  /** Binds the signature to the delivery id for `ttlMs`; false when it is bound to another one. */
  private async bind(d: SignedDelivery, ttlMs: number): Promise<boolean> {
    const key = `${this.prefix}sources:signed:${d.source}:${createHash('sha256').update(d.signature).digest('hex').slice(0, 32)}`;
    const id = d.deliveryId!;
    if ((await this.redis.set(key, id, 'PX', ttlMs, 'NX')) === 'OK') return true;
    return (await this.redis.get(key)) === id;
  }
}

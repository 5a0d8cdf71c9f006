// The generic webhook's signature (SPEC §4): X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function sign(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** Checks a signature header against the body, rejecting one older than `toleranceS`. */
export function verify(secret: string, body: string, header: string, nowMs: number, toleranceS = 300): boolean {
  const [, ts, sig] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
  if (ts === undefined || sig === undefined) return false;
  const t = Number(ts);
  if (Math.abs(nowMs / 1000 - t) > toleranceS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(sig, 'hex'));
}

// Sending one delivery over its channel: the generic webhook (signed), a Slack incoming webhook, or SMTP.
import nodemailer from 'nodemailer';
import type { AlertChannelConfig } from '../../config/schema.ts';
import { sign } from './signature.ts';

export interface SendResult {
  ok: boolean;
  status?: number;
  error?: string;
}

/**
 * Sends `body`; `deliveryId` goes with a webhook as `X-Pulse-Delivery`, the same on every attempt, so a
 * receiver can drop a message it already has: one whose outcome could not be recorded after it was sent
 * (Redis unreachable in between) is sent again.
 */
export async function send(channel: AlertChannelConfig, body: string, timeoutMs: number, deliveryId: string, now = Date.now()): Promise<SendResult> {
  try {
    if (channel.type === 'email') {
      const { subject, text, html } = JSON.parse(body) as { subject: string; text: string; html?: string };
      const transport = nodemailer.createTransport({
        host: channel.smtp.host,
        port: channel.smtp.port,
        secure: channel.smtp.secure ?? false,
        ignoreTLS: !channel.smtp.secure,
        auth: channel.smtp.user ? { user: channel.smtp.user, pass: channel.smtp.pass ?? '' } : undefined,
        connectionTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      });
      await transport.sendMail({ from: channel.from, to: channel.to, subject, text, ...(html ? { html } : {}) });
      transport.close();
      return { ok: true };
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'pulse-alerts/1' };
    if (channel.type === 'webhook') {
      headers['x-signature'] = sign(channel.secret, body, now);
      headers['x-pulse-delivery'] = deliveryId;
    }
    const res = await fetch(channel.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer().catch(() => undefined);
    return res.ok ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

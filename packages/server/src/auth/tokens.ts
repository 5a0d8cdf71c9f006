// Bearer tokens and roles (SPEC §3): viewer < manager < lead < admin; ingest tokens only send events.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config, Role } from '../config/schema.ts';

const RANK: Record<Role, number> = { ingest: -1, viewer: 0, manager: 1, lead: 2, admin: 3 };

export interface Principal {
  role: Role;
  name: string;
}

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

export class TokenStore {
  private readonly entries: { hash: Buffer; principal: Principal }[];

  constructor(tokens: Config['tokens']) {
    this.entries = tokens.map((t) => ({
      hash: t.sha256 ? Buffer.from(t.sha256, 'hex') : sha256(t.token!),
      principal: { role: t.role, name: t.name ?? t.role },
    }));
  }

  verify(token: string): Principal | null {
    const h = sha256(token);
    for (const e of this.entries) if (timingSafeEqual(e.hash, h)) return e.principal;
    return null;
  }
}

/** Whether a principal may use a surface that needs `required`. */
export function allows(p: Principal, required: Role): boolean {
  if (required === 'ingest') return p.role === 'ingest' || p.role === 'admin';
  return p.role !== 'ingest' && RANK[p.role] >= RANK[required];
}

/** The token a request presents: the bearer header, or `?token=` on a GET (a kiosk URL); null without one. */
export function tokenOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h) {
    const m = /^Bearer\s+(.+)$/i.exec(h);
    return m?.[1]?.trim() ?? null;
  }
  const q = (req.query as Record<string, unknown> | undefined)?.token;
  return typeof q === 'string' && req.method === 'GET' ? q : null;
}

/** Whether the request carries credentials of any form (a header, or a token in the URL). */
export function presentsCredentials(req: FastifyRequest): boolean {
  return req.headers.authorization !== undefined || typeof (req.query as Record<string, unknown> | undefined)?.token === 'string';
}

/**
 * A Fastify onRequest hook (it needs only headers and URL, so it runs before a byte of the body is read)
 * that answers 401 (no or unknown token) or 403 (role too low). A refused request whose body is still
 * arriving is answered at once and its connection closed: nothing of that body is read.
 */
export function requireRole(store: TokenStore, required: Role) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const refuse = (code: 401 | 403, error: string) => {
      const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
      if (hasBody && !req.raw.complete) reply.header('connection', 'close');
      return reply.code(code).send({ error });
    };
    const token = tokenOf(req);
    if (!token) return refuse(401, 'missing token: send Authorization: Bearer <token>');
    const p = store.verify(token);
    if (!p) return refuse(401, 'unknown token');
    if (!allows(p, required)) return refuse(403, `this token's role (${p.role}) may not use this surface; it needs ${required}`);
    (req as FastifyRequest & { principal?: Principal }).principal = p;
  };
}

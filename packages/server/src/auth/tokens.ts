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

function tokenOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h) {
    const m = /^Bearer\s+(.+)$/i.exec(h);
    return m ? m[1].trim() : null;
  }
  const q = (req.query as Record<string, unknown> | undefined)?.token;
  return typeof q === 'string' && req.method === 'GET' ? q : null;
}

/** A Fastify preHandler that answers 401 (no or unknown token) or 403 (role too low). */
export function requireRole(store: TokenStore, required: Role) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const token = tokenOf(req);
    if (!token) {
      return reply.code(401).send({ error: 'missing token: send Authorization: Bearer <token>' });
    }
    const p = store.verify(token);
    if (!p) return reply.code(401).send({ error: 'unknown token' });
    if (!allows(p, required)) {
      return reply.code(403).send({ error: `this token's role (${p.role}) may not use this surface; it needs ${required}` });
    }
    (req as FastifyRequest & { principal?: Principal }).principal = p;
  };
}

// Every route the app registers (method and URL), kept as they are added: what the OpenAPI test checks
// the document against. Call before any route is registered.
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
}

const tables = new WeakMap<FastifyInstance, RouteEntry[]>();

export function trackRoutes(app: FastifyInstance): void {
  const list: RouteEntry[] = [];
  tables.set(app, list);
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) list.push({ method, url: route.url });
  });
}

/** The routes of an app built by buildApp (HEAD routes Fastify adds for GETs included). */
export function routesOf(app: FastifyInstance): RouteEntry[] {
  return [...(tables.get(app) ?? [])];
}

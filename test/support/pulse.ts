// An in-process Pulse server for tests: real Redis, real chDB in its own folder, a free port, silent logs.
import { loadConfig, startPulse, type Pulse } from '@pulse/server';
import { startRedis, type TestRedis } from './redis.ts';
import { tmpFolder } from './tmp.ts';

export const TOKENS = {
  ingest: 'test-ingest-token',
  viewer: 'test-viewer-token',
  manager: 'test-manager-token',
  lead: 'test-lead-token',
  admin: 'test-admin-token',
} as const;

export interface TestPulse {
  pulse: Pulse;
  redis: TestRedis;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestPulse(overrides: Record<string, unknown> = {}, redis?: TestRedis): Promise<TestPulse> {
  const r = redis ?? (await startRedis());
  const data = tmpFolder('data');
  const config = loadConfig(
    {},
    {
      port: 0,
      logLevel: 'silent',
      dataDir: data.path,
      redis: { url: r.url },
      tokens: Object.entries(TOKENS).map(([role, token]) => ({ role, token })),
      ...overrides,
    },
  );
  const pulse = await startPulse(config);
  return {
    pulse,
    redis: r,
    url: pulse.url,
    dataDir: data.path,
    async close() {
      await pulse.stop();
      if (!redis) await r.stop();
      data.remove();
    },
  };
}

/** POSTs a body to /v1/events and returns status and parsed reply. */
export async function postEvents(
  url: string,
  body: unknown,
  opts: { token?: string; contentType?: string; raw?: boolean } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: {
      'content-type': opts.contentType ?? 'application/json',
      ...(opts.token !== '' ? { authorization: `Bearer ${opts.token ?? TOKENS.ingest}` } : {}),
    },
    body: opts.raw ? (body as string) : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep the text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function getJson(url: string, path: string, token: string = TOKENS.viewer): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

/** Polls `read` until `check` holds and returns that value; throws, with the last value read, once `timeoutMs` has passed. */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let v = await read();
  while (!check(v)) {
    if (Date.now() >= deadline) throw new Error(`not so within ${timeoutMs} ms; last read: ${describe(v)}`);
    await new Promise((r) => setTimeout(r, 50));
    v = await read();
  }
  return v;
}

function describe(v: unknown): string {
  try {
    return (JSON.stringify(v) ?? String(v)).slice(0, 400);
  } catch {
    return String(v);
  }
}

// The wall-board's files as a running server serves them (issue 16): a wall-board rebuilt while the server
// runs is served at once — the new index.html and its new asset names, never the old page whose assets are
// gone — pages are never cached by browsers, hashed assets are cached for good, client routes get index.html,
// and a server started before the wall-board was built answers 503 until it is, then serves it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPulse, type TestPulse } from '../support/pulse.ts';
import { tmpFolder } from '../support/tmp.ts';

const dist = tmpFolder('wallboard-dist');
let t: TestPulse;

/** A build of the wall-board as vite writes it: index.html naming one hashed script. */
function build(hash: string): void {
  rmSync(dist.path, { recursive: true, force: true });
  mkdirSync(`${dist.path}/assets`, { recursive: true });
  writeFileSync(`${dist.path}/index.html`, `<!doctype html><script type="module" src="/assets/index-${hash}.js"></script>`);
  writeFileSync(`${dist.path}/assets/index-${hash}.js`, `console.log('${hash}')`);
}

const get = (path: string, accept = '*/*') => fetch(`${t.url}${path}`, { headers: { accept } });

beforeAll(async () => {
  rmSync(dist.path, { recursive: true, force: true });
  t = await startTestPulse({ wallboardDir: dist.path, alerts: { enabled: false } });
}, 60_000);
afterAll(async () => {
  await t?.close();
  dist.remove();
});

describe('the wall-board files', () => {
  it('answers 503 with Retry-After before the wall-board is built, and serves it once built, without a restart', async () => {
    const before = await get('/', 'text/html');
    expect(before.status).toBe(503);
    expect(before.headers.get('retry-after')).toBe('10');
    expect(await before.text()).toBe(`The wall-board is not built (${dist.path}); run: pnpm build`);

    build('aaaa1111');
    const after = await get('/', 'text/html');
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('/assets/index-aaaa1111.js');
  });

  it('serves the new page and its new assets after a rebuild while running', async () => {
    build('aaaa1111');
    expect(await (await get('/')).text()).toContain('/assets/index-aaaa1111.js');
    expect((await get('/assets/index-aaaa1111.js')).status).toBe(200);

    build('bbbb2222');
    const page = await get('/', 'text/html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/assets/index-bbbb2222.js');
    const asset = await get('/assets/index-bbbb2222.js');
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe(`console.log('bbbb2222')`);
    // the old build's asset is gone: a 404, not the page in its place
    const old = await get('/assets/index-aaaa1111.js');
    expect(old.status).toBe(404);
    expect(await old.json()).toEqual({ error: 'no route GET /assets/index-aaaa1111.js' });
  });

  it('never lets a browser cache the page, and caches hashed assets for good', async () => {
    build('cccc3333');
    expect((await get('/')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/index.html')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/assets/index-cccc3333.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a client route with the current index.html, and an unknown API path with a JSON 404', async () => {
    build('dddd4444');
    const route = await get('/some/board/route?token=x', 'text/html,application/xhtml+xml');
    expect(route.status).toBe(200);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toContain('/assets/index-dddd4444.js');
    const api = await get('/v1/no-such-thing', 'text/html');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'no route GET /v1/no-such-thing' });
  });
});

// Adds alerts of a test's own to every snapshot a page receives, over REST (`GET /v1/live`) and the WebSocket
// (its snapshot messages), so a board shows alerts the engine would take minutes to raise.
import type { Alert, Snapshot } from '@pulse/contracts';
import type { Page } from 'playwright-core';

export async function injectAlerts(page: Page, extra: Alert[]): Promise<void> {
  const add = (s: Snapshot): Snapshot => ({ ...s, alerts: [...s.alerts, ...extra] });
  await page.route(
    (url) => url.pathname === '/v1/live',
    async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: add((await res.json()) as Snapshot) });
    },
  );
  await page.routeWebSocket(/\/v1\/live\/stream/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((raw) => {
      const msg = JSON.parse(String(raw));
      ws.send(JSON.stringify(msg.type === 'snapshot' ? { ...msg, snapshot: add(msg.snapshot) } : msg));
    });
  });
}

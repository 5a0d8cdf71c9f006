// A local HTTP server standing in for Chatwoot's API, for tests: answers
// GET /api/v1/accounts/{account_id}/agents with the agents it is given (as Chatwoot lists them, with
// `availability_status`), and records each request's path and `api_access_token` header.
// https://developers.chatwoot.com/api-reference/agents/list-agents-in-account
import { createServer, type Server } from 'node:http';
import { freePort } from './ports.ts';

export interface ChatwootAgent {
  id: number;
  name: string;
  available_name?: string;
  availability_status: 'online' | 'busy' | 'offline';
  role?: 'agent' | 'administrator';
}

export interface FakeChatwootApi {
  url: string;
  agents: ChatwootAgent[];
  requests: { path: string; token: string | undefined }[];
  close(): Promise<void>;
}

export async function startChatwootApi(accountId: number, agents: ChatwootAgent[]): Promise<FakeChatwootApi> {
  const port = await freePort();
  const api: FakeChatwootApi = {
    url: `http://127.0.0.1:${port}`,
    agents,
    requests: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const token = req.headers.api_access_token;
    api.requests.push({ path: req.url ?? '', token: Array.isArray(token) ? token[0] : token });
    if (req.method !== 'GET' || req.url !== `/api/v1/accounts/${accountId}/agents`) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Resource could not be found' }));
      return;
    }
    const body = api.agents.map((a) => ({
      id: a.id,
      account_id: accountId,
      availability_status: a.availability_status,
      auto_offline: true,
      confirmed: true,
      email: `${a.name.toLowerCase().replace(/\W+/g, '.')}@acme.example`,
      available_name: a.available_name ?? a.name,
      name: a.name,
      role: a.role ?? 'agent',
      thumbnail: '',
    }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return api;
}

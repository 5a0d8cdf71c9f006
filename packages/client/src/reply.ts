// What every call returns: the HTTP status and headers, the body as text, and the body parsed as the
// operation's type when the status is one that carries it. Errors of the API are `{ "error": "…" }`.

export interface Reply<T> {
  status: number;
  /** a 2xx status */
  ok: boolean;
  headers: Headers;
  text: string;
  /** the body as the operation's type, for a status that carries it (2xx; for POST /v1/events also 400) */
  data: T | undefined;
  /** the API's error message, for a status that is not ok */
  error: string | undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function toReply<T>(res: Response, dataStatuses: readonly number[] = []): Promise<Reply<T>> {
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('json') ? parse(text) : undefined;
  const carriesData = res.ok || dataStatuses.includes(res.status);
  const error =
    !res.ok && json && typeof json === 'object' && typeof (json as { error?: unknown }).error === 'string' ? (json as { error: string }).error : undefined;
  return { status: res.status, ok: res.ok, headers: res.headers, text, data: carriesData ? (json as T | undefined) : undefined, error };
}

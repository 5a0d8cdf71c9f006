// Posts a floor's events in batches (the ingest limit is 5,000 per request), failing loudly on a rejection.
import { postEvents } from '../../support/pulse.ts';

export async function feed(url: string, events: Record<string, unknown>[], batch = 2_000): Promise<void> {
  for (let i = 0; i < events.length; i += batch) {
    const res = await postEvents(url, events.slice(i, i + batch));
    if (res.status !== 202 || res.body.rejected?.length) {
      throw new Error(`ingest refused events: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    }
  }
}

// Finding the rows ClickHouse refuses (issue 13; like Kafka Connect's dead-letter queue and ClickHouse's
// kafka_handle_error_mode='stream'). Decided by trying, deterministically: a group of rows that fails for
// a reason ClickHouse gives about the rows is halved, each half inserted with its own token derived from
// the group's (`<token>/0`, `<token>/1`), down to single rows. A row that fails alone while ClickHouse
// answers a ping is refused for what it holds: poison. An outage, at any depth, throws: the batch is
// retried whole, re-finds the same halves under the same tokens, and what was written dedups.
import { errorText, isOutage } from './refusal.ts';

export interface Refused {
  /** the row's index in the rows of the insert */
  index: number;
  error: string;
}

/** Inserts the rows at `indexes`; returns the rows refused, or throws on an outage. */
export async function salvage(
  indexes: number[],
  token: string,
  attempt: (indexes: number[], token: string) => Promise<void>,
  isUp: () => Promise<boolean>,
): Promise<Refused[]> {
  const refused: Refused[] = [];
  const go = async (part: number[], tok: string): Promise<void> => {
    try {
      await attempt(part, tok);
    } catch (e) {
      if (isOutage(e)) throw e;
      if (part.length === 1) {
        if (!(await isUp())) throw e;
        refused.push({ index: part[0]!, error: errorText(e) });
        return;
      }
      const mid = Math.ceil(part.length / 2);
      await go(part.slice(0, mid), `${tok}/0`);
      await go(part.slice(mid), `${tok}/1`);
    }
  };
  await go(indexes, token);
  return refused;
}

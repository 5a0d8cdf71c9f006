// Customer satisfaction of a contact: worse after a long wait, as a 1–5 rating or a good/bad score.
import type { Random } from '../random.ts';

const GOOD = ['Quick and helpful, thanks!', 'Solved my problem.', 'Very friendly agent.'];
const BAD = ['Waited far too long.', 'Still not fixed.', 'Had to explain everything twice.'];

export type Rating = { rating: number; comment?: string } | { score: 'good' | 'bad'; comment?: string };

/** A rating for a contact that waited `waitMs` in total (or whose first reply took that long). */
export function rateContact(rng: Random, waitMs: number): Rating {
  const penalty = Math.min(waitMs / 180_000, 2.2);
  // about 9 in 10 customers served at once are happy (4 or 5); a wait of a few minutes loses most of them
  const rating = Math.min(5, Math.max(1, Math.round(rng.normal(4.7 - penalty, 0.8))));
  const good = rating >= 4;
  const comment = rng.chance(0.1) ? { comment: rng.pick(good ? GOOD : BAD) } : {};
  if (rng.chance(0.2)) return { score: good ? 'good' : 'bad', ...comment };
  return { rating, ...comment };
}

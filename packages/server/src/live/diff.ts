// The operations on shared live-state keys: made with history's facts by `itemChange` (facts.ts) and
// encoded for the script by lua/apply-items.ts. Re-exported here for the view's change collector.
export type { Op } from '../redis/lua/apply-items.ts';

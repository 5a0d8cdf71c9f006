// Public API of @pulse/simulator.
export { Random, hashSeed } from './random.ts';
export { buildWorld, MAX_AGENTS, MAX_QUEUES } from './world.ts';
export type { World, WorldOptions, QueueDef, AgentDef, ShiftDef } from './world.ts';
export { generate, generateAll } from './generator.ts';
export type { GenerateOptions } from './generator.ts';
export { seasonality } from './sim/calendar.ts';
export { sendBatch, sendAll, eventsUrl, parseRetryAfter, SendError } from './sender.ts';
export type { SendOptions, SendResult, SendTotals } from './sender.ts';
export { runLive, LiveClock } from './live.ts';
export type { LiveOptions, LiveProgress } from './live.ts';
export { runBackfill, backfillStart } from './backfill.ts';
export type { BackfillOptions, BackfillProgress } from './backfill.ts';
export { defaultLogger } from './logger.ts';
export type { SimLogger } from './logger.ts';

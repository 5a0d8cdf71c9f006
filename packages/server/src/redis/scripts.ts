// The Lua scripts, loaded from their files and registered on an ioredis client.
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

const lua = (name: string) => readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');

export interface PulseCommands {
  /** ingest.lua: [1, accepted, flags] or, refused by backpressure, [0, bound, backlog] */
  pulseIngest(stream: string, ...args: (string | number)[]): Promise<[1, number, string] | [0, 'entries' | 'events' | 'bytes', number]>;
  /** apply_items.lua: arguments from `applyItemsArgs` (lua/apply-items.ts) */
  pulseApplyItems(numKeys: number, ...keysAndArgs: (string | number)[]): Promise<number[]>;
}

export type PulseRedis = Redis & PulseCommands;

export function defineScripts(redis: Redis): PulseRedis {
  redis.defineCommand('pulseIngest', { numberOfKeys: 1, lua: lua('ingest') });
  redis.defineCommand('pulseApplyItems', { lua: lua('apply_items') });
  return redis as PulseRedis;
}

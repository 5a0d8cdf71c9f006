// Names of the Redis keys of a deployment: defined by the live-state model (@pulse/metrics, model/redis-keys.ts).
import { redisKeys, type RedisKeys } from '@pulse/metrics';

export type Keys = RedisKeys;
export const keysFor = (prefix: string): Keys => redisKeys(prefix);

export const GROUPS = { live: 'live', history: 'history' } as const;
export type GroupName = keyof typeof GROUPS;

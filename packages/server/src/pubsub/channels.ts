// The typed map of pub/sub channels between server instances: each channel's name and message type.
import type { LiveChange } from '../live/view/change.ts';

export interface ChannelMap {
  /** live state changed: how many items, when the change was applied, and what it changed (none: read everything) */
  'live.changed': { items: number; at: number; change?: LiveChange };
  /** alerts changed (fired, updated, acknowledged, resolved): boards refresh; alerts are not re-evaluated */
  'alerts.changed': { at: number };
}

export type ChannelName = keyof ChannelMap;

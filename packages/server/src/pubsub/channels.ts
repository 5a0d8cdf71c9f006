// The typed map of pub/sub channels between server instances: each channel's name and message type.
export interface ChannelMap {
  /** live state changed: how many items, and when the change was applied */
  'live.changed': { items: number; at: number };
  /** alerts changed (fired, updated, acknowledged, resolved): boards refresh; alerts are not re-evaluated */
  'alerts.changed': { at: number };
}

export type ChannelName = keyof ChannelMap;

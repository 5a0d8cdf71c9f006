// The typed map of pub/sub channels between server instances: each channel's name and message type.
export interface ChannelMap {
  /** live state changed; `scopes` that changed, `at` when the change was applied */
  'live.changed': { items: number; at: number };
}

export type ChannelName = keyof ChannelMap;

// What channel a queue serves, for staffing: each offer is also counted by its channel (`offered_voice`,
// `offered_chat`…), so a queue's window tells how much of its traffic was voice. A queue is a voice queue when
// most of its offered contacts are voice (SPEC §2); its T is its own, else the default of its main channel.
import { CHAT_CHANNELS, type ChatChannel } from '@pulse/contracts';

export const offeredCounter = (channel: string): string => `offered_${channel}`;

export interface ChannelMix {
  voice: boolean;
  /** the channel most of the offers came by (ties: chat, messaging, social; chat when none is counted) */
  main: ChatChannel;
}

/** The mix of a window's counters (outcomes before the per-channel counters existed count as chat). */
export function channelMix(counters: Record<string, number>): ChannelMix {
  const n = (c: ChatChannel) => counters[offeredCounter(c)] ?? 0;
  const offered = (counters.answered ?? 0) + (counters.abandoned ?? 0);
  const voice = 2 * n('voice') > offered;
  if (voice) return { voice, main: 'voice' };
  let main: ChatChannel = 'chat';
  for (const c of CHAT_CHANNELS) if (c !== 'voice' && n(c) > n(main)) main = c;
  return { voice, main };
}

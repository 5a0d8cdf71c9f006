// Publish and subscribe on the typed channels, over a Redis connection dedicated to subscriptions.
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.ts';
import type { ChannelMap, ChannelName } from './channels.ts';

/** What announces a change to every instance (the live applier, the rebuild, the alert changes). */
export interface Publisher {
  publish<C extends ChannelName>(channel: C, msg: ChannelMap[C]): Promise<void>;
}

export class Bus implements Publisher {
  private readonly handlers = new Map<string, ((msg: unknown) => void)[]>();

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly keys: Keys,
  ) {
    sub.on('message', (channel: string, raw: string) => {
      const list = this.handlers.get(channel);
      if (!list) return;
      const msg = JSON.parse(raw) as unknown;
      for (const h of list) h(msg);
    });
  }

  async publish<C extends ChannelName>(channel: C, msg: ChannelMap[C]): Promise<void> {
    await this.pub.publish(this.keys.channel(channel), JSON.stringify(msg));
  }

  async subscribe<C extends ChannelName>(channel: C, handler: (msg: ChannelMap[C]) => void): Promise<void> {
    const name = this.keys.channel(channel);
    const list = this.handlers.get(name) ?? [];
    list.push(handler as (msg: unknown) => void);
    this.handlers.set(name, list);
    if (list.length === 1) await this.sub.subscribe(name);
  }
}

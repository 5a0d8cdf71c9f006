// What the help-desk sources run besides their routes, started with each instance: learned queue names
// kept in `config.queueNames`, and the Chatwoot presence poll when it is configured. The snapshot's agents
// are completed from the same directory (learned names, queues, inferred presence: snapshot-agents.ts).
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { Appender } from '../ingest/append.ts';
import { ChatwootPresence, presenceSettings } from './chatwoot-presence.ts';
import type { SourceDirectory } from './directory.ts';
import { LearnedQueueNames } from './queue-names.ts';

export interface SourcesDeps {
  redis: Redis;
  config: Config;
  appender: Appender;
  /** what the sources learn (names, queues, agents); the snapshots' agents are completed from it (snapshot-agents.ts) */
  directory: SourceDirectory;
  instance: string;
  log: Logger;
}

export function startSources(deps: SourcesDeps): { stop(): Promise<void> } {
  const { redis, config, log } = deps;
  const { directory } = deps;
  const names = LearnedQueueNames.for(config.queueNames);
  names.start(directory, log);

  const settings = presenceSettings(config.sources.chatwoot);
  if (!settings && config.sources.chatwoot.presence) {
    log.warn('chatwoot presence is off: set sources.chatwoot.presence.url, accountId and apiToken (PULSE_CHATWOOT_API_TOKEN)');
  }
  const presence = settings
    ? new ChatwootPresence({ redis, prefix: config.redis.prefix, config, appender: deps.appender, directory, instance: deps.instance, log }, settings)
    : null;
  presence?.start();

  return {
    async stop() {
      names.stop();
      await presence?.stop();
    },
  };
}

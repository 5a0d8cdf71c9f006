// What the help-desk sources run besides their routes, started with each instance: learned queue names
// kept in `config.queueNames`, the snapshot's agents completed with learned names, queues and inferred
// presence, and the Chatwoot presence poll when it is configured.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { Appender } from '../ingest/append.ts';
import type { LiveService } from '../live/service.ts';
import { ChatwootPresence, presenceSettings } from './chatwoot-presence.ts';
import { SourceDirectory } from './directory.ts';
import { LearnedQueueNames } from './queue-names.ts';
import { sourceAgents } from './snapshot-agents.ts';

export interface SourcesDeps {
  redis: Redis;
  config: Config;
  appender: Appender;
  live: LiveService;
  instance: string;
  log: Logger;
}

export function startSources(deps: SourcesDeps): { stop(): Promise<void> } {
  const { redis, config, log } = deps;
  const directory = new SourceDirectory(redis, config.redis.prefix);
  const names = LearnedQueueNames.for(config.queueNames);
  names.start(directory, log);
  deps.live.withAgents(sourceAgents(directory));

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

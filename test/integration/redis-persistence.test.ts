// What the server says at start about Redis's persistence (docs/operations.md, "Redis persistence"): a 202
// survives a kill of redis-server only with `appendonly yes` and `appendfsync always`; anything else is
// logged as a warning that names the setting, and a Redis that will not show its settings is said so.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { connectRedis } from '../../packages/server/src/redis/client.ts';
import { readPersistence, reportPersistence } from '../../packages/server/src/redis/persistence.ts';
import { eventually } from '../support/pulse.ts';
import { useRedisConnection } from '../support/redis-connection.ts';

const conn = useRedisConnection('persistence');

/** A pino logger whose lines are kept, parsed. */
function capture(): { log: pino.Logger; lines: { level: number; msg: string; redis?: string }[] } {
  const lines: { level: number; msg: string; redis?: string }[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

describe('Redis persistence at start', () => {
  it('is durable with the redis-server the demo and the tests run (AOF, fsync before each reply)', async () => {
    const { log, lines } = capture();
    const p = await reportPersistence(conn.r, log);
    expect(p).toEqual({
      durable: true,
      settings: 'appendonly yes, appendfsync always',
      note: 'every event answered 202 is fsynced to the append-only file first',
    });
    expect(lines.map((l) => [l.level, l.redis])).toEqual([[30, 'appendonly yes, appendfsync always']]);
  });

  it('warns, naming the setting, when the AOF is fsynced every second or not kept at all', async () => {
    try {
      await conn.r.config('SET', 'appendfsync', 'everysec');
      const { log, lines } = capture();
      const p = await reportPersistence(conn.r, log);
      expect(p.durable).toBe(false);
      expect(p.settings).toBe('appendonly yes, appendfsync everysec');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.level).toBe(40);
      expect(lines[0]!.msg).toBe(
        'Redis fsyncs its append-only file "everysec", not before each reply: a kill of redis-server may lose events answered 202 in the last seconds; set appendfsync always',
      );
      await conn.r.config('SET', 'appendonly', 'no');
      expect(await readPersistence(conn.r)).toEqual({
        durable: false,
        settings: 'appendonly no, appendfsync everysec',
        note: 'Redis keeps no append-only file: a restart of redis-server loses every event not yet in history and all live state',
      });
    } finally {
      await conn.r.config('SET', 'appendonly', 'yes');
      await conn.r.config('SET', 'appendfsync', 'always');
      // turning AOF on writes a fresh file in the background; redis-server will not stop before it is done
      await eventually(async () => (await conn.r.info('persistence')).includes('aof_rewrite_in_progress:0'), Boolean, 10_000);
    }
  });

  it('says it could not tell when the Redis user may not read CONFIG (as on a managed Redis)', async () => {
    await conn.r.acl('SETUSER', 'pulse-limited', 'on', '>secret', '~*', '&*', '+@all', '-config');
    const url = new URL(`redis://127.0.0.1:${conn.r.options.port}`);
    url.username = 'pulse-limited';
    url.password = 'secret';
    const limited = connectRedis(url.toString(), pino({ level: 'silent' }), 'limited');
    try {
      const p = await readPersistence(limited);
      expect(p.durable).toBe(false);
      expect(p.settings).toBeNull();
      expect(p.note).toMatch(
        /^could not read Redis's persistence settings \(NOPERM .*config.*\); a 202 is durable only with appendonly yes and appendfsync always$/,
      );
    } finally {
      limited.disconnect();
    }
  });
});

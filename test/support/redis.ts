// A real redis-server for one test file: its own port, its own folder, AOF on.
import { spawn, type ChildProcess } from 'node:child_process';
import { statfsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { redisServerArgs } from '../../scripts/redis-server-args.ts';
import { freePort } from './ports.ts';
import { tmpFolder } from './tmp.ts';

export interface TestRedis {
  url: string;
  port: number;
  dir: string;
  /** kill -9 and start again on the same port and folder (AOF replays); after kill(), just start again */
  restart(): Promise<void>;
  kill(): void;
  /** SIGSTOP / SIGCONT: a Redis that hangs, its connections open (like a network that drops packets) */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

async function waitReady(port: number, proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`redis-server exited with ${proc.exitCode}`);
    const c = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    c.on('error', () => {});
    try {
      await c.connect();
      if ((await c.ping()) === 'PONG') return;
    } catch {
      /* not yet */
    } finally {
      c.disconnect();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not become ready within 10 s');
}

/** Free bytes under which a tmpfs is not used for a test's redis-server (its AOF holds every event and state change). */
const TMPFS_MIN_FREE = 2 * 1024 ** 3;

/**
 * The folder of a test's redis-server: in memory (/dev/shm) when it has room, else the temp dir. Redis
 * fsyncs its AOF before each reply (`appendfsync always`, as the demo runs it); on a disk shared with
 * the suite's ClickHouse folders, and busy, that fsync waits behind their writes: Redis then answered
 * past the server's 750 ms command timeout and alert tests saw deliveries twice. A kill -9 of
 * redis-server keeps what it wrote either way: written is written, whatever the fsync costs.
 */
function redisFolder(): { path: string; remove: () => void } {
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize >= TMPFS_MIN_FREE) return tmpFolder('redis', '/dev/shm');
  } catch {
    /* no /dev/shm here */
  }
  return tmpFolder('redis');
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const folder = redisFolder();
  let proc: ChildProcess;
  const launch = async () => {
    proc = spawn('redis-server', redisServerArgs(port, folder.path), { stdio: 'ignore' });
    await waitReady(port, proc);
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir: folder.path,
    async restart() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGKILL');
        await new Promise((r) => proc.once('exit', r));
      }
      await launch();
    },
    kill() {
      proc.kill('SIGKILL');
    },
    pause() {
      proc.kill('SIGSTOP');
    },
    resume() {
      proc.kill('SIGCONT');
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGCONT');
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      folder.remove();
    },
  };
}

// promtool (Debian's `prometheus` package; scripts/bootstrap.sh installs it for the tests), when present.
import { spawnSync } from 'node:child_process';

export const PROMTOOL = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0 ? 'promtool' : null;

/** Runs promtool with `args`, `input` on stdin; its exit status and output. */
export function promtool(args: string[], input?: string): { status: number | null; output: string } {
  const r = spawnSync(PROMTOOL ?? 'promtool', args, { input, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

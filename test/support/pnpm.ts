// The pnpm command: pnpm on the PATH, else the version the workspace names (packageManager) through npx,
// as scripts/bootstrap.sh falls back to.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function pnpmCommand(): [string, ...string[]] {
  if (spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status === 0) return ['pnpm'];
  const pm = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { packageManager: string }).packageManager;
  return ['npx', '-y', pm];
}

// Makes a deployable copy of the built server: `pnpm deploy` of @pulse/server (its dist, bin and
// migrations, production dependencies only) into a target folder, then points the exports of the
// workspace packages in it (@pulse/server, @pulse/contracts, @pulse/metrics) at their built JavaScript —
// in the workspace they export their TypeScript sources (what pnpm does to publishConfig on publish, and
// not on deploy). The result runs with plain node: <target>/bin/pulse-server.js.
// Usage: node scripts/deploy-server.mjs <target> [--no-optional]   (after `pnpm build`; --no-optional
// leaves out chDB, for a server that uses a ClickHouse server: CLICKHOUSE_URL)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const target = args.find((a) => !a.startsWith('--'));
if (!target) {
  process.stderr.write('usage: node scripts/deploy-server.mjs <target> [--no-optional]\n');
  process.exit(2);
}
const root = new URL('..', import.meta.url).pathname;
for (const p of ['server', 'contracts', 'metrics']) {
  if (!existsSync(join(root, 'packages', p, 'dist', 'index.js'))) {
    process.stderr.write(`deploy-server: packages/${p}/dist is missing: run \`pnpm build\` first\n`);
    process.exit(1);
  }
}
const out = resolve(target);
rmSync(out, { recursive: true, force: true });
/** pnpm on the PATH, else the version the workspace names (packageManager) through npx */
function pnpmCommand() {
  if (spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status === 0) return ['pnpm'];
  return ['npx', '-y', JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager];
}
const pnpm = pnpmCommand();
execFileSync(
  pnpm[0],
  [...pnpm.slice(1), '--filter', '@pulse/server', '--prod', 'deploy', '--legacy', ...(args.includes('--no-optional') ? ['--no-optional'] : []), out],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);

/** `{ "@pulse/dist": "./dist/x.js", "default": "./src/x.ts" }` → `{ "types": "./dist/x.d.ts", "default": "./dist/x.js" }` */
function productionExports(exportsMap, dir) {
  return Object.fromEntries(
    Object.entries(exportsMap).map(([key, target]) => {
      const js = typeof target === 'object' && target !== null ? target['@pulse/dist'] : undefined;
      if (!js) return [key, target];
      if (!existsSync(join(dir, js))) throw new Error(`${dir}: the export ${key} → ${js} was not built`);
      const dts = js.replace(/\.js$/, '.d.ts');
      return [key, existsSync(join(dir, dts)) ? { types: dts, default: js } : js];
    }),
  );
}

/** Rewrites a manifest as a new file: the deployed one may be a hard link to the workspace's. */
function rewrite(dir) {
  const file = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  if (!manifest.exports) return;
  manifest.exports = productionExports(manifest.exports, dir);
  rmSync(file);
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

rewrite(out);
const store = join(out, 'node_modules', '.pnpm');
for (const entry of readdirSync(store)) {
  if (!entry.startsWith('@pulse+')) continue;
  const scoped = join(store, entry, 'node_modules', '@pulse');
  for (const name of readdirSync(scoped)) {
    const dir = join(scoped, name);
    if (entry.startsWith(`@pulse+${name}@`)) rewrite(dir);
  }
}
process.stdout.write(`deployed @pulse/server to ${out}: run ${join(out, 'bin', 'pulse-server.js')}\n`);

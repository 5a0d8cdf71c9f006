// docker-compose.yml as `docker compose` reads it: YAML with anchors and merge keys resolved, then
// `${VAR}`, `${VAR:-default}` and `${VAR-default}` interpolated from an environment (empty here: the
// defaults the file gives are what a user without a .env gets).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export function interpolate(value: unknown, env: Record<string, string | undefined> = {}): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\$|\$\{(\w+)(?:(:?-)([^}]*))?\}/g, (all, name?: string, op?: string, def?: string) => {
      if (all === '$$') return '$';
      const v = env[name!];
      if (op === ':-') return v === undefined || v === '' ? def! : v;
      if (op === '-') return v === undefined ? def! : v;
      return v ?? '';
    });
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, env));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env)]));
  return value;
}

/** The variables a compose file interpolates, with their defaults. */
export function composeVariables(text: string): Map<string, string | undefined> {
  const vars = new Map<string, string | undefined>();
  for (const m of text.matchAll(/\$\{(\w+)(?::?-([^}]*))?\}/g)) vars.set(m[1]!, m[2]);
  return vars;
}

export function loadCompose(path: string): Record<string, any> {
  return interpolate(parse(readFileSync(path, 'utf8'), { merge: true })) as Record<string, any>;
}

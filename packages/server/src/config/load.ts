// Loads and validates the configuration at start: defaults < file (PULSE_CONFIG) < environment.
import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { ConfigSchema, ROLES, type Config } from './schema.ts';
import { CONFIG_FILE_VAR, ENV_VARS } from './env.ts';

export class ConfigError extends Error {}

type Json = Record<string, unknown>;

function setPath(target: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = target;
  for (const p of parts.slice(0, -1)) cur = (cur[p] ??= {}) as Json;
  cur[parts.at(-1)!] = value;
}

function parseTokens(raw: string): unknown[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [role = '', ...rest] = entry.split(':');
      if (!(ROLES as readonly string[]).includes(role)) {
        throw new ConfigError(`PULSE_TOKENS: '${role}' is not a role; expected one of ${ROLES.join(', ')}`);
      }
      const secret = rest.join(':');
      return secret.startsWith('sha256:') ? { role, sha256: secret.slice(7) } : { role, token: secret };
    });
}

function fromEnv(env: NodeJS.ProcessEnv): Json {
  const out: Json = {};
  for (const [name, path] of Object.entries(ENV_VARS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (name === 'PULSE_TOKENS') setPath(out, path, parseTokens(raw));
    else if (name === 'PORT' || name.startsWith('PULSE_MAX_') || name.endsWith('_MS') || name.startsWith('PULSE_WS_')) setPath(out, path, Number(raw));
    else if (name.startsWith('PULSE_WORKER_') || name === 'PULSE_RATE_LIMIT') setPath(out, path, raw === 'true' || raw === '1' || raw === 'on');
    else setPath(out, path, raw);
  }
  return out;
}

function merge(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev) ? merge(prev as Json, v as Json) : v;
  }
  return out;
}

function readFile(path: string): Json {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${CONFIG_FILE_VAR}: cannot read ${path}: ${(e as Error).message}`);
  }
  const parsed: unknown = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  if (!parsed || typeof parsed !== 'object') throw new ConfigError(`${path}: must hold an object`);
  return parsed as Json;
}

/** Validates a config; `overrides` (e.g. from tests) win over env and file. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Json = {}): Config {
  const file = env[CONFIG_FILE_VAR] ? readFile(env[CONFIG_FILE_VAR]!) : {};
  const raw = merge(merge(file, fromEnv(env)), overrides);
  const withDefaults = Value.Default(ConfigSchema, structuredClone(raw));
  const errors = [...Value.Errors(ConfigSchema, withDefaults)];
  if (errors.length > 0) {
    const lines = errors.slice(0, 10).map((e) => `  ${e.path || '/'}: ${e.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const config = withDefaults as Config;
  for (const t of config.tokens) {
    if (!t.token === !t.sha256) throw new ConfigError(`tokens: each token needs exactly one of token or sha256 (role ${t.role})`);
  }
  checkZone('timeZone', config.timeZone);
  const policies = { default: config.sla.default, ...Object.fromEntries(Object.entries(config.sla.byQueue).map(([q, p]) => [`byQueue.${q}`, p])) };
  for (const [where, p] of Object.entries(policies)) {
    if (p?.calendar?.kind === 'business') checkZone(`sla.${where}.calendar.hours.timeZone`, p.calendar.hours.timeZone);
  }
  return config;
}

function checkZone(path: string, zone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new ConfigError(`${path}: '${zone}' is not an IANA time zone`);
  }
}

// After tsc: copies the files the server reads at run time next to the built JavaScript — the SQL of
// the history store (src/history/sql) and the Lua scripts of Redis (src/redis/lua).
import { cpSync } from 'node:fs';

for (const dir of ['history/sql', 'redis/lua']) {
  cpSync(new URL(`../src/${dir}`, import.meta.url), new URL(`../dist/${dir}`, import.meta.url), { recursive: true });
}

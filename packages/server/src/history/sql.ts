// SQL of the history store, each statement in a file of its own under ./sql.
import { readFileSync } from 'node:fs';

export const sql = (name: string): string => readFileSync(new URL(`./sql/${name}.sql`, import.meta.url), 'utf8');

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under `base` (the system temp dir), removed by the returned function. */
export function tmpFolder(label: string, base = tmpdir()): { path: string; remove: () => void } {
  const path = mkdtempSync(join(base, `pulse-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

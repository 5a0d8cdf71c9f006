import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the system temp dir, removed by the returned function. */
export function tmpFolder(label: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `pulse-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

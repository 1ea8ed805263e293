import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/**
 * The folder holding Anvil's package.json. Code runs from sources (tests), from out/ (built) or
 * from an asar archive (packaged), so walk up from this file rather than assume a depth.
 */
export function projectRoot(): string {
  if (cached) return cached;
  let folder = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error('Cannot find Anvil package.json above ' + fileURLToPath(import.meta.url));
    folder = parent;
  }
  cached = folder;
  return folder;
}

/** The sample app opened when no folder is given. */
export function sampleAppFolder(): string {
  return path.join(projectRoot(), 'resources', 'sample-app');
}

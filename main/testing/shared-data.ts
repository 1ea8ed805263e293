import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root';

/**
 * A folder of the shared test data beside the project (the Forge specs, the corpus of real manifests).
 * On a developer's machine without it, the tests that read it are skipped and say so; under CI a missing
 * folder is an error, because a skipped corpus test would let a green run hide that nothing was checked.
 */
export function sharedDataFolder(...parts: string[]): { folder: string; present: boolean } {
  const folder = path.join(projectRoot(), '..', 'shared', ...parts);
  const present = existsSync(folder);
  if (!present && process.env.CI) {
    throw new Error(
      `The shared test data folder ${path.join('..', 'shared', ...parts)} is missing, and CI must not skip the tests that read it. Place the shared data beside the project and run again.`,
    );
  }
  return { folder, present };
}

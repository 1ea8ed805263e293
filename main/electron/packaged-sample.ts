import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The sample app a packaged build opens: a copy in the user's data folder, made on first launch
 * from the one shipped beside the archive, because the shipped one is read-only (asar, a mounted
 * image, Program Files) and the workbench edits and saves it. An existing copy is left as it is.
 */
export function writableSampleApp(resourcesPath: string, userData: string): string {
  const copy = path.join(userData, 'sample-app');
  if (!existsSync(path.join(copy, 'manifest.yml'))) cpSync(path.join(resourcesPath, 'sample-app'), copy, { recursive: true });
  return copy;
}

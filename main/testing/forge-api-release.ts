import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { linkTree } from './link-tree';

/**
 * Gives a test app (made by smallApp) the published `@forge/api` 7.2.2 that `@forge/kvs` brings
 * along in the sample app's node_modules, laid out as npm would for an app that depends on it: it is
 * the last line of releases that still export the legacy `storage` (backed by `@forge/storage`).
 */
export function useForgeApi7(appFolder: string): void {
  const modules = path.join(appFolder, 'node_modules', '@forge');
  const nested = path.join(modules, 'kvs', 'node_modules', '@forge');
  if (!existsSync(path.join(nested, 'api', 'package.json'))) throw new Error(`${nested} has no @forge/api; reinstall the sample app's packages`);
  rmSync(path.join(modules, 'api'), { recursive: true, force: true });
  linkTree(path.join(nested, 'api'), path.join(modules, 'api'));
  // Its own dependencies at the versions it was published with, beside it, as npm nests them.
  for (const dependency of readdirSync(nested)) {
    if (dependency !== 'api') linkTree(path.join(nested, dependency), path.join(modules, 'api', 'node_modules', '@forge', dependency));
  }
}

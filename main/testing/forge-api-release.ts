import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root';
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

/**
 * Gives a test app (made by smallApp) the published `@forge/api` 3.9.2 (the devDependency
 * `forge-api-3`), laid out as npm would for an app that depends on it. It is the line that sends
 * every request through node-fetch 2, so it needs Node's stream and http modules.
 */
export function useForgeApi3(appFolder: string): void {
  useForgeRelease(appFolder, '@forge/api', 'forge-api-3');
}

/**
 * Gives a test app (made by smallApp) a published release installed in Anvil's node_modules under
 * an alias (`forge-api-4` for `@forge/api` 4.3.0), as `name`, laid out as npm would for an app that
 * depends on it: the packages it loads at run time nested beside it, at the versions it was
 * published with (the app's own copies, e.g. a newer `@forge/api`, stay where they are).
 * `@forge/util` comes without its own dependencies (build tools; the releases only load its ARI
 * helpers).
 */
export function useForgeRelease(appFolder: string, name: string, installedAs: string): void {
  const root = path.join(projectRoot(), 'node_modules');
  const release = path.join(root, installedAs);
  if (!existsSync(path.join(release, 'package.json'))) throw new Error(`${release} is missing; run npm install in the project`);
  const target = path.join(appFolder, 'node_modules', name);
  rmSync(target, { recursive: true, force: true });
  linkTree(release, target);
  const nested = path.join(target, 'node_modules');
  const pending = [release];
  const visited = new Set(pending);
  while (pending.length > 0) {
    const from = pending.pop()!;
    const manifest = JSON.parse(readFileSync(path.join(from, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string> };
    if (manifest.name === '@forge/util') continue;
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      if (dependency.startsWith('@types/')) continue;
      const source = installedPackage(dependency, from, root);
      // One the release brought nested in its own folder is there already, but its own dependencies may not be.
      if (!existsSync(path.join(nested, dependency))) linkTree(source, path.join(nested, dependency));
      if (!visited.has(source)) {
        visited.add(source);
        pending.push(source);
      }
    }
  }
}

// Where Node would find a dependency of the package in `from`: its own node_modules, then upwards to the project's.
function installedPackage(name: string, from: string, root: string): string {
  for (let folder = from; folder.startsWith(root); folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  const hoisted = path.join(root, name);
  if (existsSync(path.join(hoisted, 'package.json'))) return hoisted;
  throw new Error(`${name}, a dependency of ${from}, is not installed; run npm install in the project`);
}

/**
 * Gives a test app (made by smallApp) the published `@forge/ui` 1.11.4 (the devDependency
 * `forge-ui-1`), UI Kit 1's backend runtime (`render`, components, hooks), laid out as npm would.
 */
export function useForgeUi1(appFolder: string): void {
  useForgeRelease(appFolder, '@forge/ui', 'forge-ui-1');
}

/**
 * Gives a test app (made by smallApp) the published `@forge/api` 4.3.0 (the devDependency
 * `forge-api-4`), laid out as npm would for an app that depends on it: like 3.x it sends product
 * requests through node-fetch 2 with the platform's named agent.
 */
export function useForgeApi4(appFolder: string): void {
  useForgeRelease(appFolder, '@forge/api', 'forge-api-4');
}

/**
 * Gives a test app (made by smallApp) the published `@forge/resolver` 1.5.40 (the devDependency
 * `forge-resolver-1`), laid out as npm would, with its own `@forge/api` 3.9.2 nested beside it. It is
 * the line whose resolver also defines the bridge's `__request` relay.
 */
export function useForgeResolver1(appFolder: string): void {
  useForgeRelease(appFolder, '@forge/resolver', 'forge-resolver-1');
}

/**
 * Gives a test app (made by smallApp) the published `@forge/llm` 1.0.8 (the devDependency
 * `forge-llm-1`), laid out as npm would, with the `@forge/api` 8.3.0 it brings nested beside it.
 */
export function useForgeLlm1(appFolder: string): void {
  useForgeRelease(appFolder, '@forge/llm', 'forge-llm-1');
}

/**
 * Gives a test app (made by smallApp) the published `@forge/realtime` 1.0.1 (the devDependency
 * `forge-realtime-1`). It loads `@forge/api` without declaring it, so it finds the app's own copy.
 */
export function useForgeRealtime1(appFolder: string): void {
  useForgeRelease(appFolder, '@forge/realtime', 'forge-realtime-1');
}

/**
 * Gives a test app (made by smallApp) the published `@forge/sql` 4.0.8 (the devDependency
 * `forge-sql-4`), laid out as npm would, with the `@forge/api` 8.3.0 it brings nested beside it.
 */
export function useForgeSql4(appFolder: string): void {
  useForgeRelease(appFolder, '@forge/sql', 'forge-sql-4');
}

import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../common/types';
import { manifestDiagnostic, type ParsedManifest } from './parsed-manifest';

/** Resources looked up on disk per check: the check runs on every keystroke, and a hostile manifest may list thousands. */
export const MAX_CHECKED_RESOURCES = 200;

/**
 * Each `resources[].path` must exist inside the app folder: `forge deploy` packages only that
 * folder and fails on a resource it cannot find, and the preview has nothing to serve. A path
 * that leaves the folder (`../`, absolute, or a link pointing out) is refused outright, before
 * anything outside is looked at.
 */
export async function resourceDiagnostics(parsed: ParsedManifest, appFolder: string): Promise<Diagnostic[]> {
  const resources = (parsed.value as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(resources)) return [];
  const diagnostics: Diagnostic[] = [];
  const appRoot = await realpath(appFolder).catch(() => path.resolve(appFolder));
  if (resources.length > MAX_CHECKED_RESOURCES) {
    diagnostics.push(
      manifestDiagnostic(
        'info',
        'resource-check-limit',
        `The manifest lists ${resources.length} resources; Anvil checks the paths of the first ${MAX_CHECKED_RESOURCES} only. Run forge lint to check the rest.`,
        parsed.rangeOf(parsed.nodeAt(['resources'])),
      ),
    );
  }
  for (const [index, resource] of resources.slice(0, MAX_CHECKED_RESOURCES).entries()) {
    const declared = (resource as { path?: unknown } | null)?.path;
    if (typeof declared !== 'string' || declared.trim() === '') continue;
    const key = String((resource as { key?: unknown }).key ?? `resources[${index}]`);
    const range = parsed.rangeOf(parsed.nodeAt(['resources', index, 'path']));
    const target = path.resolve(appFolder, declared);
    const relative = path.relative(path.resolve(appFolder), target);
    if (path.isAbsolute(declared) || relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      diagnostics.push(
        manifestDiagnostic(
          'error',
          'resource-outside-app',
          `Resource "${key}" points at "${declared}", outside the app folder; forge deploy packages only the app folder. Move the files into the app (for example static/${key}/build) and give that path, relative to manifest.yml.`,
          range,
        ),
      );
      continue;
    }
    const info = await stat(target).catch(() => null);
    if (!info) {
      const looksLikeFile = /\.[cm]?[jt]sx?$/.test(declared);
      diagnostics.push(
        manifestDiagnostic(
          'error',
          'resource-path-missing',
          looksLikeFile
            ? `Resource "${key}": ${declared} does not exist in the app folder, so forge deploy fails. Create the file or correct the path (relative to manifest.yml).`
            : `Resource "${key}": the folder ${declared} does not exist in the app folder, so forge deploy fails and the preview has nothing to show. Build the Custom UI (for example npm run build in its folder) or correct the path (relative to manifest.yml).`,
          range,
        ),
      );
      continue;
    }
    // A link inside the app that leads out of it is outside the app all the same.
    const real = await realpath(target).catch(() => target);
    const realRelative = path.relative(appRoot, real);
    if (realRelative.startsWith('..') || path.isAbsolute(realRelative)) {
      diagnostics.push(
        manifestDiagnostic(
          'error',
          'resource-outside-app',
          `Resource "${key}": ${declared} is a link to ${real}, outside the app folder; forge deploy packages only the app folder. Copy the files into the app instead of linking them.`,
          range,
        ),
      );
    }
  }
  return diagnostics;
}

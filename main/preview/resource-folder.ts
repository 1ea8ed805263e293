import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** The folder, or why there is none; `outside` marks a path that leaves the app (never served). */
export type ResourceFolder = { folder: string } | { problem: string; outside: boolean };

/**
 * Where a resource's files are: `resources[].path` resolved inside the app folder, after symlinks.
 * A path that leaves the app (`../..`, an absolute path, a link out of it) is refused, so a cloned
 * app can never make the preview serve the developer's other files.
 */
export async function resourceFolder(appFolder: string, resourcePath: string, resourceKey: string): Promise<ResourceFolder> {
  const named = `resources[].path "${resourcePath}" of resource "${resourceKey}"`;
  const outside = {
    outside: true,
    problem: `${named} points outside the app folder, so Anvil will not serve it. Set resources[].path in manifest.yml to a folder inside the app (for example static/${resourceKey}/build).`,
  };
  const app = await realpath(appFolder).catch(() => null);
  if (!app) return { outside: false, problem: `The app folder ${appFolder} cannot be read any more; open the app again.` };
  if (resourcePath.includes('\0')) return outside;
  const inside = (candidate: string): boolean => candidate === app || candidate.startsWith(app + path.sep);
  if (path.isAbsolute(resourcePath) || !inside(path.resolve(app, resourcePath))) return outside;
  let real: string;
  try {
    real = await realpath(path.resolve(app, resourcePath));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      return { outside: false, problem: `${named} does not exist yet. Build the resource (for example npm run build in its folder), or correct resources[].path in manifest.yml.` };
    }
    return { outside: false, problem: `${named} cannot be read: ${(error as Error).message}` };
  }
  // A symlink inside the app may still lead out of it.
  if (!inside(real)) return outside;
  if (!(await stat(real)).isDirectory())
    return { outside: false, problem: `${named} is a file, not a folder. Set resources[].path in manifest.yml to the folder that holds the resource's index.html.` };
  return { folder: real };
}

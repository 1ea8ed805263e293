import os from 'node:os';
import path from 'node:path';
import { AnvilError } from '../contract';

/**
 * Where a folder typed by the developer is: `~` and `~/…` are their home folder, an absolute path is
 * itself, and a relative path is taken in `base` (the folder holding the open app, so a sibling app is
 * typed by its name), never in whatever folder Anvil happened to be started from.
 */
export function resolveAppFolderPath(input: string, base: string, home: string = os.homedir()): string {
  const typed = input.trim();
  if (typed === '~') return path.resolve(home);
  if (typed.startsWith('~/') || (path.sep === '\\' && typed.startsWith('~\\'))) return path.resolve(home, typed.slice(2));
  if (typed.startsWith('~')) {
    throw new AnvilError('not-an-app-folder', `"${typed}" names another user's home folder, which Anvil does not look up; type the full path, or ~/… for a folder in your own home folder.`);
  }
  return path.resolve(base, typed);
}

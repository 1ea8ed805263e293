import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** At most this many files of one app are scanned. */
export const SOURCE_FILE_LIMIT = 5_000;

/** Larger files are not scanned (bundles, generated data). */
export const SOURCE_FILE_MAX_BYTES = 2 * 1024 * 1024;

const SOURCE_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs']);
const SKIPPED_FOLDERS = new Set(['node_modules', 'build', 'dist', 'out', 'coverage']);

/** Folders that hold dependencies, build output or tool state rather than the app's own code. */
export function isSkippedFolderName(name: string): boolean {
  return name.startsWith('.') || SKIPPED_FOLDERS.has(name);
}

/** Whether a relative path names a file the scanner reads: JS/TS source outside skipped folders, not a `.d.ts`. */
export function isSourceFilePath(relative: string): boolean {
  if (isInSkippedFolder(relative)) return false;
  const name = relative.slice(relative.lastIndexOf('/') + 1);
  return SOURCE_EXTENSIONS.has(path.posix.extname(name)) && !name.endsWith('.d.ts');
}

/** Whether any folder on a relative path is one the scanner skips. */
export function isInSkippedFolder(relative: string): boolean {
  const folders = relative.split('/').slice(0, -1);
  return folders.some(isSkippedFolderName);
}

/** A path (relative or absolute) as a '/'-separated path relative to the app folder, or null when it lies outside. */
export function appRelativePath(appFolder: string, file: string): string | null {
  const absolute = path.resolve(appFolder, file);
  const relative = path.relative(path.resolve(appFolder), absolute).split(path.sep).join('/');
  if (relative === '' || relative === '..' || relative.startsWith('../') || path.isAbsolute(relative)) return null;
  return relative;
}

/** Every scannable source file of an app: relative paths, sorted. */
export function listSourceFiles(appFolder: string): Promise<string[]> {
  return listSourceFilesUnder(appFolder, '');
}

/** The scannable source files in one folder of an app (relative to the app, '' for all), sorted, at most `limit`. */
export async function listSourceFilesUnder(appFolder: string, folder: string, limit = SOURCE_FILE_LIMIT): Promise<string[]> {
  const found: string[] = [];
  if (folder !== '' && folder.split('/').some(isSkippedFolderName)) return found;
  // Depth first in name order, with an explicit stack: deep trees cannot overflow and the cap is deterministic.
  const pending: string[] = [folder];
  while (pending.length > 0 && found.length < limit) {
    const relativeFolder = pending.pop() as string;
    const entries = await readdir(path.join(appFolder, relativeFolder), { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    const candidates: string[] = [];
    for (const entry of entries) {
      const relative = relativeFolder === '' ? entry.name : `${relativeFolder}/${entry.name}`;
      // Symbolic links are not followed: they can loop or lead out of the app.
      if (entry.isDirectory() && !isSkippedFolderName(entry.name)) subfolders.push(relative);
      else if (entry.isFile() && isSourceFilePath(relative)) candidates.push(relative);
    }
    const sizes = await Promise.all(candidates.map((relative) => fileSize(path.join(appFolder, relative))));
    candidates.forEach((relative, index) => {
      const size = sizes[index];
      if (size !== undefined && size !== null && size <= SOURCE_FILE_MAX_BYTES && found.length < limit) found.push(relative);
    });
    pending.push(...subfolders.reverse());
  }
  return found.sort();
}

async function fileSize(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppFolderEntry, AppFolderListing } from '../../common/types';
import { AnvilError } from '../contract';
import { checkedRelativePath, isInside, printable, realAppFolder, resolveForReading } from './app-file-path';

/** A folder shows at most this many entries (folders first), so a giant generated folder cannot flood the renderer. */
export const MAX_FOLDER_ENTRIES = 5_000;

/**
 * One folder of the app for the Explorer: folders first, then files, by name. Links are listed only
 * when they lead to a file or folder inside the app; devices, pipes and sockets are left out, and so
 * is `.git`, which is git's, not the app's.
 */
export async function listAppFolder(appFolder: string, folder: string): Promise<AppFolderListing> {
  const segments = checkedRelativePath(folder, 'folder');
  const root = await realAppFolder(appFolder);
  const absolute = await resolveForReading(root, segments, printable(folder));
  const dirents = await readdir(absolute, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') throw new AnvilError('io-error', `${printable(folder)} is a file, not a folder.`);
    throw new AnvilError('io-error', `Cannot list ${printable(folder) || 'the app folder'} (${error.code ?? error.message}).`);
  });
  const prefix = segments.length === 0 ? '' : `${segments.join('/')}/`;
  const entries: AppFolderEntry[] = [];
  for (const dirent of dirents) {
    // A name the path check would refuse could never be opened; leave it out rather than show a dead entry.
    if (dirent.name === '.git' || dirent.name.includes('\\') || /[\u0000-\u001f\u007f]/.test(dirent.name)) continue;
    let kind: AppFolderEntry['kind'] | null = dirent.isDirectory() ? 'folder' : dirent.isFile() ? 'file' : null;
    if (dirent.isSymbolicLink()) kind = await linkKind(root, path.join(absolute, dirent.name));
    if (kind !== null) entries.push({ name: dirent.name, path: prefix + dirent.name, kind });
  }
  entries.sort((a, b) => (a.kind === b.kind ? compareNames(a.name, b.name) : a.kind === 'folder' ? -1 : 1));
  return { folder: segments.join('/'), entries: entries.slice(0, MAX_FOLDER_ENTRIES) };
}

async function linkKind(root: string, link: string): Promise<AppFolderEntry['kind'] | null> {
  const target = await realpath(link).catch(() => null);
  if (target === null || !isInside(root, target)) return null;
  const info = await stat(target).catch(() => null);
  return info?.isDirectory() ? 'folder' : info?.isFile() ? 'file' : null;
}

function compareNames(a: string, b: string): number {
  const byLetters = a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });
  return byLetters !== 0 ? byLetters : a < b ? -1 : a > b ? 1 : 0;
}

import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { AnvilError } from '../contract';

/**
 * The checked form of a path the renderer sent: relative to the app folder, '/' separators, no
 * empty, `.` or `..` segments. App folders are hostile (a cloned repository), and the renderer is
 * not trusted to have checked anything, so every call goes through here first.
 */
export function checkedRelativePath(typed: string, what: 'file' | 'folder'): string[] {
  const example = what === 'file' ? 'src/index.js' : 'src';
  const refuse = (why: string): AnvilError => new AnvilError('bad-request', `"${printable(typed)}" ${why}; give a path inside the app folder, like ${example}.`);
  if (typed.includes('\0')) throw refuse('contains a NUL character');
  // A newline or escape in a name could forge lines wherever the path is shown (a dialog, a log, a terminal).
  if (/[\u0001-\u001f\u007f]/.test(typed)) throw refuse('contains a control character');
  // A backslash is a separator on Windows and an ordinary character elsewhere: either way it could hide a `..`.
  if (typed.includes('\\')) throw refuse('contains a backslash; use / between folders');
  if (typed.startsWith('/') || /^[A-Za-z]:/.test(typed)) throw refuse('is an absolute path');
  if (typed === '') {
    if (what === 'folder') return [];
    throw refuse('is empty');
  }
  const segments = typed.split('/');
  if (segments.includes('..')) throw refuse('leads out of the app folder (..)');
  if (segments.some((segment) => segment === '' || segment === '.')) throw refuse('has an empty or "." segment');
  return segments;
}

/** The real app folder: every path is compared with it, so the app folder may itself be reached through a link. */
export async function realAppFolder(appFolder: string): Promise<string> {
  try {
    return await realpath(appFolder);
  } catch (error) {
    throw new AnvilError('io-error', `The app folder ${appFolder} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

/** Whether `absolute` is the app folder or inside it. */
export function isInside(root: string, absolute: string): boolean {
  return absolute === root || absolute.startsWith(root + path.sep);
}

/**
 * Where a path of the app leads for reading: links are followed, but only while they stay inside
 * the app folder. A path that does not exist, or leads out (a link to /etc or ~), is "not found",
 * so a hostile app cannot probe the rest of the disk through it.
 */
export async function resolveForReading(root: string, segments: string[], shown: string): Promise<string> {
  const absolute = await realpath(path.join(root, ...segments)).catch(() => null);
  if (absolute === null || !isInside(root, absolute)) {
    throw new AnvilError('io-error', `${shown || 'The app folder'} does not exist in the app folder (a link leading out of it counts as missing).`);
  }
  return absolute;
}

/**
 * The absolute path a save may write to: every folder on the way must be a real folder (not a link)
 * and the file itself must not be a link, so a save never lands anywhere but the app folder. Nothing
 * is written inside `.git`: its hooks and config run commands.
 */
export async function resolveForWriting(root: string, segments: string[], shown: string): Promise<string> {
  if (segments.some(isGitFolderName)) {
    throw new AnvilError('bad-request', `${shown} is inside .git; Anvil does not write there, because git runs its hooks and reads its config from it. Use git itself to change it.`);
  }
  let current = root;
  for (const segment of segments.slice(0, -1)) {
    current = path.join(current, segment);
    const info = await lstat(current).catch(() => null);
    if (info === null)
      throw new AnvilError('io-error', `Cannot save ${shown}: the folder ${path.relative(root, current).split(path.sep).join('/')} does not exist in the app folder; create it first.`);
    if (info.isSymbolicLink()) {
      throw new AnvilError(
        'io-error',
        `Cannot save ${shown}: the folder ${path.relative(root, current).split(path.sep).join('/')} is a symbolic link, and Anvil does not save through links (a cloned app could point them anywhere). Open the file at its real place.`,
      );
    }
    if (!info.isDirectory()) throw new AnvilError('io-error', `Cannot save ${shown}: ${path.relative(root, current).split(path.sep).join('/')} is not a folder.`);
  }
  return path.join(current, segments[segments.length - 1] as string);
}

/**
 * Right before a save: the folder it writes into is still the real one it was checked to be (no folder
 * on the way was swapped for a link since), so the write lands in the app folder.
 */
export async function confirmWritableFolder(root: string, absolute: string, shown: string): Promise<void> {
  const folder = path.dirname(absolute);
  const real = await realpath(folder).catch(() => null);
  if (real !== folder || !isInside(root, real)) {
    throw new AnvilError('io-error', `Cannot save ${shown}: its folder changed into a link while saving, and Anvil does not save through links. Nothing was written.`);
  }
}

/**
 * Whether a name reaches `.git` on some file system, as git itself decides: any case (macOS, Windows),
 * with characters HFS+ ignores (`.g\u200cit`), with trailing dots or spaces (Windows drops them), or
 * as its 8.3 short name (`GIT~1`).
 */
export function isGitFolderName(segment: string): boolean {
  const folded = segment
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff]/g, '')
    .replace(/[. ]+$/, '')
    .toLowerCase();
  return folded === '.git' || /^git~\d+$/.test(folded);
}

/** A path for a message: control characters shown escaped, so a crafted name cannot forge lines in a log or dialog. */
export function printable(typed: string): string {
  const shortened = typed.length > 200 ? `${typed.slice(0, 200)}…` : typed;
  return shortened.replace(/[\u0000-\u001f\u007f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

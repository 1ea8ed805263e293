import { lstatSync, mkdirSync } from 'node:fs';

/**
 * Claims a folder in a place other local users can write to (the shared temporary folder): makes it
 * readable by this user only, or accepts the one already there when it is a real folder (not a link)
 * this user owns and whose mode has none of the `othersMayNot` bits. False when someone else could
 * have planted or could change what is in it.
 */
export function claimPrivateFolder(folder: string, othersMayNot: number): boolean {
  try {
    mkdirSync(folder, { mode: 0o700 });
    return true;
  } catch {
    const info = lstatSync(folder);
    return info.isDirectory() && (process.getuid === undefined || info.uid === process.getuid()) && (info.mode & othersMayNot) === 0;
  }
}

import { copyFileSync, linkSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Lays `from` out again at `to` as files of its own: hard links where the file system allows them
 * (quick, no space), copies where it does not, symbolic links as they were. Test apps get installed
 * packages this way because a symbolic link to a shared folder would point outside the app folder,
 * which the bundler refuses, as it would for a hostile app. A test that writes into such a file
 * writes into the original: remove the folder first.
 */
export function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

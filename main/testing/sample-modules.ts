import { copyFileSync, linkSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { sampleAppFolder } from '../project-root';

/**
 * Gives a test app the sample app's node_modules (the real @forge packages) as files of its own:
 * hard links, so it is quick and takes no space. A symbolic link to the shared folder would point
 * outside the app folder, which the bundler refuses, as it would for a hostile app.
 */
export function sampleModulesInto(appFolder: string): void {
  linkTree(path.join(sampleAppFolder(), 'node_modules'), path.join(appFolder, 'node_modules'));
}

function linkTree(from: string, to: string): void {
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

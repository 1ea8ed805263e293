import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Copies an app folder for a test run; node_modules is hard-linked (quick, no space). A symbolic
 * link to the original node_modules would point outside the app folder, which the bundler refuses.
 */
export function copyAppFolder(appSource: string, appFolder: string): void {
  cpSync(appSource, appFolder, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
  const modules = path.join(appSource, 'node_modules');
  if (existsSync(modules)) linkTree(modules, path.join(appFolder, 'node_modules'));
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

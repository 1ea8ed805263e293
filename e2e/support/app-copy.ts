import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { linkTree } from '../../main/testing/link-tree';

/**
 * Copies an app folder for a test run; node_modules is hard-linked (quick, no space). A symbolic
 * link to the original node_modules would point outside the app folder, which the bundler refuses.
 */
export function copyAppFolder(appSource: string, appFolder: string): void {
  cpSync(appSource, appFolder, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
  const modules = path.join(appSource, 'node_modules');
  if (existsSync(modules)) linkTree(modules, path.join(appFolder, 'node_modules'));
}

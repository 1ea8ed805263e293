import path from 'node:path';
import { sampleAppFolder } from '../project-root';
import { linkTree } from './link-tree';

/**
 * Gives a test app the sample app's node_modules (the real @forge packages) as files of its own
 * (see linkTree).
 */
export function sampleModulesInto(appFolder: string): void {
  linkTree(path.join(sampleAppFolder(), 'node_modules'), path.join(appFolder, 'node_modules'));
}

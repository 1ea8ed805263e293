import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { sampleAppFolder } from '../project-root';
import { sampleModulesInto } from './sample-modules';

const made: string[] = [];
afterEach(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A temporary folder removed after the current test. */
export function scratchFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'anvil-test-'));
  made.push(folder);
  return folder;
}

/** A copy of the bundled sample app that the test may change. */
export function sampleAppCopy(): string {
  const folder = path.join(scratchFolder(), 'sample-app');
  // node_modules is large and only read: hard-linked instead of copied.
  cpSync(sampleAppFolder(), folder, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
  if (existsSync(path.join(sampleAppFolder(), 'node_modules'))) sampleModulesInto(folder);
  return folder;
}

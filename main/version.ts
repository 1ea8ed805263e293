import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './project-root';

/** Anvil's version, from its package.json. */
export function anvilVersion(): string {
  const parsed = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  return parsed.version;
}

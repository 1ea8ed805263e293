import { build } from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../../project-root';

let built: Promise<string> | null = null;

/**
 * The runner child script. Built Anvil ships it beside its bundle (out/main/runner-child.mjs); from
 * sources (tests, development) it is bundled once into a temporary folder keyed by its sources' age.
 */
export function runnerChildFile(): Promise<string> {
  built ??= locate();
  return built;
}

async function locate(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const shipped = path.join(here, 'runner-child.mjs');
  if (existsSync(shipped)) return shipped;
  const source = path.join(projectRoot(), 'main', 'runner', 'sandbox', 'runner-child.ts');
  const stamp = Math.floor(statSync(path.dirname(source)).mtimeMs);
  const outfile = path.join(os.tmpdir(), `anvil-runner-child-${stamp}`, 'runner-child.mjs');
  await build({ entryPoints: [source], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' });
  return outfile;
}

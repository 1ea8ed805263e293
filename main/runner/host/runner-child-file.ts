import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outsideArchive } from '../../node-runtime';
import { claimPrivateFolder } from '../../private-folder';
import { projectRoot } from '../../project-root';
import { nodeLibsDefine } from '../sandbox/node-libs-options.mjs';
import { inContextTextPlugin } from '../sandbox/in-context-text-plugin.mjs';
import { writeThenRename } from '../../manifest';

let built: Promise<string> | null = null;

/**
 * The runner child script. Built Anvil ships it beside its bundle (out/main/runner-child.mjs); from
 * sources (tests, development) it is bundled once into a temporary folder keyed by its sources.
 */
export function runnerChildFile(): Promise<string> {
  built ??= locate();
  return built;
}

async function locate(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const shipped = path.join(here, 'runner-child.mjs');
  if (existsSync(shipped)) return outsideArchive(shipped);
  const source = path.join(projectRoot(), 'main', 'runner', 'sandbox', 'runner-child.ts');
  // Keyed by every source file's path, size and time (and the protocol's), so an edit in place is never served stale.
  const hash = createHash('sha256');
  for (const file of sourcesOf(path.dirname(source)).concat(path.join(path.dirname(source), '..', 'protocol.ts'))) {
    const info = statSync(file);
    hash.update(`${file}\0${info.size}\0${info.mtimeMs}\0`);
  }
  const stamp = hash.digest('hex').slice(0, 16);
  const outfile = path.join(ownFolder(path.join(os.tmpdir(), `anvil-runner-child-${stamp}`)), 'runner-child.mjs');
  const define = await nodeLibsDefine(build);
  const { outputFiles } = await build({
    entryPoints: [source],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    define,
    plugins: [inContextTextPlugin()],
    logLevel: 'silent',
  });
  // Replaced in one step: another Anvil process may be starting a runner from the same file.
  for (const output of outputFiles) await writeThenRename(output.path, output.contents);
  return outfile;
}

// The shared temporary folder is writable by every local user: the runner's folder must be one this
// user made and only this user can write to, or someone else could plant the code the runner runs.
function ownFolder(folder: string): string {
  return claimPrivateFolder(folder, 0o022) ? folder : mkdtempSync(`${folder}-`);
}

function sourcesOf(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourcesOf(full);
    return (entry.name.endsWith('.ts') || entry.name.endsWith('.mjs')) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

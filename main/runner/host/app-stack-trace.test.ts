import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchFolder, smallApp } from '../../testing';
import { AppRunner } from '../app-runner';
import { appScriptName } from '../sandbox/app-script-name';
import { bundleHandler } from './app-bundle';
import { AppStackTraces } from './app-stack-trace';
import { appRelativeSourceMap, sourceMapPath } from './bundle-source-map';

const runners: AppRunner[] = [];
afterEach(() => runners.splice(0).forEach((runner) => runner.close()));

const manifest = `
modules:
  function:
    - key: main
      handler: index.main
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000077
  runtime:
    name: nodejs22.x
`;

// TypeScript-only lines before the throw, so a frame that were not mapped back would name another line.
const helper = `interface Shape {
  size: number;
}

type Size = Shape['size'];

export function explode(size: Size): number {
  const shape: Shape = { size };
  throw new TypeError(\`too big: \${shape.size}\`);
}

export async function explodeLater(size: Size): Promise<number> {
  await Promise.resolve();
  throw new RangeError(\`later: \${size}\`);
}
`;

function appWith(files: Record<string, string>) {
  const folder = smallApp(manifest, '');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), text);
  }
  const dataDir = scratchFolder();
  const runner = new AppRunner(folder, { dataDir, secretKey: async () => randomBytes(32) });
  runners.push(runner);
  return { runner, folder, dataDir };
}

/** `file:line:column` of the first occurrence of `text` in the app's file (1-based, as a stack names it). */
function placeOf(folder: string, file: string, text: string): string {
  const lines = readFileSync(path.join(folder, file), 'utf8').split('\n');
  const line = lines.findIndex((candidate) => candidate.includes(text));
  expect(line).toBeGreaterThanOrEqual(0);
  return `${file}:${line + 1}:${lines[line]!.indexOf(text) + 1}`;
}

/** Nothing of Anvil nor of where the developer keeps things: no machine path, no sandbox frame, no bundle. */
function expectNoAnvilFrames(text: string, ...folders: string[]) {
  for (const folder of folders) expect(text).not.toContain(folder);
  expect(text).not.toMatch(/anvil:|runner-child|\.cjs\b|node:vm|evalmachine/);
}

describe('stack traces of app errors name the app’s own files', () => {
  it('shows src/deep/helper.ts and its line as the top frame of an error thrown there, and no frame of Anvil', async () => {
    const { runner, folder, dataDir } = appWith({
      'src/index.ts': "import { explode } from './deep/helper';\n\nexport function main(): number {\n  return explode(2);\n}\n",
      'src/deep/helper.ts': helper,
    });
    const outcome = await runner.run({ functionKey: 'main' });
    expect(outcome.status).toBe('error');
    expect(outcome.error!.split('\n')).toEqual([
      'TypeError: too big: 2',
      `    at explode (${placeOf(folder, 'src/deep/helper.ts', 'new TypeError')})`,
      `    at main (${placeOf(folder, 'src/index.ts', 'explode(2)')})`,
    ]);
    expectNoAnvilFrames(outcome.error!, folder, dataDir);
  });

  it('maps the frames of an error thrown after an await', async () => {
    const { runner, folder, dataDir } = appWith({
      'src/index.ts': "import { explodeLater } from './deep/helper';\n\nexport async function main(): Promise<number> {\n  return await explodeLater(3);\n}\n",
      'src/deep/helper.ts': helper,
    });
    const outcome = await runner.run({ functionKey: 'main' });
    const lines = outcome.error!.split('\n');
    expect(lines.slice(0, 2)).toEqual(['RangeError: later: 3', `    at explodeLater (${placeOf(folder, 'src/deep/helper.ts', 'new RangeError')})`]);
    expectNoAnvilFrames(outcome.error!, folder, dataDir);
  });

  it('names a frame in a package as node_modules/<package>/… relative to the app', async () => {
    const { runner, folder, dataDir } = appWith({
      'node_modules/strict-parse/package.json': '{"name":"strict-parse","main":"lib/parse.js"}',
      'node_modules/strict-parse/lib/parse.js': "exports.parse = function parse(text) {\n  if (text === '') throw new SyntaxError('empty');\n  return text;\n};\n",
      'src/index.js': "import { parse } from 'strict-parse';\n\nexport function main() {\n  return parse('');\n}\n",
    });
    const outcome = await runner.run({ functionKey: 'main' });
    expect(outcome.error!.split('\n')).toEqual([
      'SyntaxError: empty',
      `    at parse (${placeOf(folder, 'node_modules/strict-parse/lib/parse.js', 'new SyntaxError')})`,
      `    at main (${placeOf(folder, 'src/index.js', "parse('')")})`,
    ]);
    expectNoAnvilFrames(outcome.error!, folder, dataDir);
  });

  it('maps the stack of an error the app logs, keeping the engine frames between its own', async () => {
    const { runner, folder, dataDir } = appWith({
      'src/index.js': "export function main() {\n  try {\n    [1].map(() => JSON.parse('{'));\n  } catch (error) {\n    console.error(error);\n  }\n  return 'logged';\n}\n",
    });
    const outcome = await runner.run({ functionKey: 'main' });
    expect(outcome.result).toBe('logged');
    const lines = outcome.logs.find((line) => line.level === 'error')!.message.split('\n');
    expect(lines[0]).toMatch(/^SyntaxError: /);
    expect(lines.slice(1)).toEqual([
      '    at JSON.parse (<anonymous>)',
      `    at ${placeOf(folder, 'src/index.js', "parse('{')")}`,
      '    at Array.map (<anonymous>)',
      `    at main (${placeOf(folder, 'src/index.js', 'map(')})`,
    ]);
    expectNoAnvilFrames(outcome.logs.map((line) => line.message).join('\n'), folder, dataDir);
  });

  it('keeps the map beside the bundle with sources relative to the app, never where the app lies', async () => {
    const { folder } = appWith({ 'src/index.ts': "import { explode } from './deep/helper';\nexport const main = () => explode(1);\n", 'src/deep/helper.ts': helper });
    const out = scratchFolder();
    const bundle = await bundleHandler(folder, 'index.main', out);
    const text = readFileSync(sourceMapPath(bundle.bundlePath), 'utf8');
    expect(text).not.toContain(folder);
    expect(text).not.toContain(path.relative(out, folder));
    const map = JSON.parse(text) as { sources: string[]; sourcesContent?: unknown };
    expect([...map.sources].sort()).toEqual(['src/deep/helper.ts', 'src/index.ts']);
    expect(map.sourcesContent).toBeUndefined();
    expect(readFileSync(bundle.bundlePath, 'utf8')).not.toContain('sourceMappingURL');
  });

  it('drops frames in the bundle that no app source made (the prelude the bundler adds)', () => {
    const folder = scratchFolder();
    const bundlePath = path.join(folder, 'index.cjs');
    // Line 2 is mapped to src/index.js; lines 1 (the prelude) and 3 (a helper between modules) are not.
    writeFileSync(sourceMapPath(bundlePath), JSON.stringify({ version: 3, sources: ['src/index.js'], names: [], mappings: ';AAAA' }));
    const script = appScriptName(bundlePath);
    const stack = `Error: x\n    at __toESM (${script}:1:200)\n    at __init (${script}:3:5)\n    at main (${script}:2:1)\n    at start (anvil:sandbox-bootstrap.js:10:2)`;
    expect(new AppStackTraces().frames(stack, bundlePath)).toEqual(['    at main (src/index.js:1:1)']);
  });

  it('names no source outside the app folder in the map (a virtual module of the bundler has none)', () => {
    const home = scratchFolder();
    const app = path.join(home, 'projects', 'app');
    const out = path.join(home, 'data', 'bundles');
    const text = JSON.stringify({ version: 3, sources: ['../../projects/app/src/index.js', '../../secrets/key.js', '<define:process.env>'], mappings: '' });
    const sources = (JSON.parse(appRelativeSourceMap(text, out, app)) as { sources: string[] }).sources;
    expect(sources).toEqual(['src/index.js', '', '']);
  });
});

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { locateHandler } from './handler-location';

function app(files: Record<string, string>): string {
  const folder = path.join(scratchFolder(), 'app');
  mkdirSync(path.join(folder, 'src'), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), text);
  }
  return folder;
}

/** The text at a located place, so each case shows what the editor would put the cursor on. */
async function textAt(folder: string, handler: string): Promise<string | null> {
  const place = await locateHandler(folder, handler);
  if (place === null) return null;
  const { readFileSync } = await import('node:fs');
  const line = readFileSync(path.join(folder, place.file), 'utf8').split('\n')[place.line - 1] ?? '';
  return `${place.file}:${place.line}: ${line.slice(place.column - 1)}`;
}

describe('finding where a handler is exported', () => {
  it.each([
    ['export const', 'src/index.js', '// run\nexport const run = async () => 1;\n', 'src/index.js:2: run = async () => 1;'],
    ['export async function', 'src/index.ts', 'import x from "y";\n\nexport async function run(event: unknown) {}\n', 'src/index.ts:3: run(event: unknown) {}'],
    ['exports.run =', 'src/index.cjs', 'exports.other = 1;\nexports.run = () => 1;\n', 'src/index.cjs:2: run = () => 1;'],
    ['module.exports.run =', 'src/index.js', 'module.exports.run = () => 1;\n', 'src/index.js:1: run = () => 1;'],
    ['module.exports = { run }', 'src/index.js', 'async function run() {}\nmodule.exports = { run };\n', 'src/index.js:1: run() {}'],
    ['module.exports = { run: … }', 'src/index.js', 'module.exports = {\n  run: async () => 1,\n};\n', 'src/index.js:2: run: async () => 1,'],
    ['export { run }', 'src/index.jsx', 'const run = () => <div />;\nexport { run };\n', 'src/index.jsx:1: run = () => <div />;'],
    [
      'a resolver',
      'src/index.tsx',
      "import Resolver from '@forge/resolver';\nconst resolver = new Resolver();\nexport const run = resolver.getDefinitions();\n",
      'src/index.tsx:3: run = resolver.getDefinitions();',
    ],
    ['an .mjs module', 'src/index.mjs', 'export function run() {}\n', 'src/index.mjs:1: run() {}'],
  ])('finds %s', async (_shape, file, source, expected) => {
    const folder = app({ [file]: source });
    expect(await textAt(folder, 'index.run')).toBe(expected);
  });

  it('finds the resolver handler `export const handler = resolver.getDefinitions()` in a subfolder', async () => {
    const folder = app({ 'src/resolvers/index.js': "import Resolver from '@forge/resolver';\nconst resolver = new Resolver();\nexport const handler = resolver.getDefinitions();\n" });
    expect(await textAt(folder, 'resolvers/index.handler')).toBe('src/resolvers/index.js:3: handler = resolver.getDefinitions();');
  });

  it('takes the file the platform would, in its extension order', async () => {
    const folder = app({ 'src/index.js': 'export const run = 1;\n', 'src/index.ts': '\nexport const run = 2;\n' });
    expect((await locateHandler(folder, 'index.run'))?.file).toBe('src/index.ts');
  });

  it('opens the file at its start when it does not export the name, and says so', async () => {
    const folder = app({ 'src/index.js': 'export const other = 1;\n' });
    expect(await locateHandler(folder, 'index.run')).toEqual({ file: 'src/index.js', line: 1, column: 1, reason: 'src/index.js does not export run (handler index.run)' });
  });

  it('answers null when no file exists for the handler, or it is malformed', async () => {
    const folder = app({ 'src/index.js': 'export const run = 1;\n' });
    expect(await locateHandler(folder, 'missing.run')).toBeNull();
    expect(await locateHandler(folder, 'index')).toBeNull();
    expect(await locateHandler(folder, 'index.')).toBeNull();
  });

  it('never leaves the app folder: `..` in a handler, or a handler file that links out', async () => {
    const outside = scratchFolder();
    writeFileSync(path.join(outside, 'evil.js'), 'export const run = 1;\n');
    const folder = app({ 'src/index.js': 'export const run = 1;\n' });
    symlinkSync(path.join(outside, 'evil.js'), path.join(folder, 'src', 'linked.js'));
    symlinkSync(outside, path.join(folder, 'src', 'elsewhere'));
    expect(await locateHandler(folder, '../../' + path.basename(outside) + '/evil.run')).toBeNull();
    expect(await locateHandler(folder, 'linked.run')).toBeNull();
    expect(await locateHandler(folder, 'elsewhere/evil.run')).toBeNull();
  });
});

import { linkSync, mkdirSync, rmSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../../testing';
import { bundleHandler, BundleError } from './app-bundle';

const SECRET = 'ANVIL-TEST-SECRET-do-not-bundle';

/** A developer's home with a private file beside an app folder whose code the test writes. */
function setting(source: string, files: Record<string, string> = {}) {
  const home = scratchFolder();
  const secretFile = path.join(home, 'id_rsa');
  writeFileSync(secretFile, `${SECRET}\n`);
  writeFileSync(path.join(home, 'secret.json'), JSON.stringify({ key: SECRET }));
  const app = path.join(home, 'projects', 'app');
  mkdirSync(path.join(app, 'src'), { recursive: true });
  writeFileSync(path.join(app, 'src', 'index.js'), source.replaceAll('SECRET_FILE', secretFile.replaceAll('\\', '/')));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
    writeFileSync(path.join(app, name), text);
  }
  const out = path.join(home, 'bundles');
  return { home, app, out, secretFile };
}

/** Builds and expects a refusal; the secret must not be in the error nor in anything written. */
async function refusal(folders: { app: string; out: string }): Promise<BundleError> {
  const error = await bundleHandler(folders.app, 'index.handler', folders.out).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BundleError);
  const bundleError = error as BundleError;
  expect(bundleError.message).not.toContain(SECRET);
  for (const file of filesIn(folders.out)) expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
  return bundleError;
}

function filesIn(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

describe('the bundler keeps app code to the app folder', () => {
  it('refuses an absolute import of a private file, naming the import, file, line and fix', async () => {
    const folders = setting("import key from 'SECRET_FILE' with { type: 'text' };\nexport const handler = () => key;\n");
    const error = await refusal(folders);
    expect(error.message).toContain(`"${folders.secretFile.replaceAll('\\', '/')}"`);
    expect(error.message).toContain('outside the app folder');
    expect(error.message).toMatch(/copy the file into the app/);
    expect(error.file).toBe('src/index.js');
    expect(error.line).toBe(1);
  });

  it('refuses a relative import that climbs out of the app folder', async () => {
    const folders = setting("const x = 1;\nimport key from '../../../id_rsa' with { type: 'text' };\nexport const handler = () => key;\n");
    const error = await refusal(folders);
    expect(error.message).toContain('"../../../id_rsa"');
    expect(error.line).toBe(2);
  });

  it('refuses require() of an absolute path and a JSON import from outside', async () => {
    const required = setting("const key = require('SECRET_FILE');\nexports.handler = () => key;\n");
    expect((await refusal(required)).message).toContain('outside the app folder');
    const json = setting("import data from '../../../secret.json';\nexport const handler = () => data;\n");
    expect((await refusal(json)).message).toContain('"../../../secret.json"');
  });

  it('refuses a symbolic link under src/ that points outside, naming the link', async () => {
    const folders = setting("import key from './notes.txt' with { type: 'text' };\nexport const handler = () => key;\n");
    symlinkSync(folders.secretFile, path.join(folders.app, 'src', 'notes.txt'));
    const error = await refusal(folders);
    expect(error.message).toContain(`symbolic link ${path.join('src', 'notes.txt')}`);
    expect(error.message).toContain('outside the app folder');
  });

  it('refuses an entry file that is a symbolic link to a file outside', async () => {
    const folders = setting('export const handler = () => 1;\n');
    const outside = path.join(folders.home, 'outside.js');
    writeFileSync(outside, `export const handler = () => ${JSON.stringify(SECRET)};\n`);
    const entry = path.join(folders.app, 'src', 'index.js');
    rmSync(entry);
    symlinkSync(outside, entry);
    expect((await refusal(folders)).message).toContain('outside the app folder');
  });

  it('refuses a package in node_modules that is a symbolic link outside the app folder, and says so', async () => {
    const folders = setting("import leak from 'linked-package';\nexport const handler = () => leak;\n");
    const linked = path.join(folders.home, 'linked-package');
    mkdirSync(linked);
    writeFileSync(path.join(linked, 'package.json'), JSON.stringify({ name: 'linked-package', main: 'index.js' }));
    writeFileSync(path.join(linked, 'index.js'), `module.exports = require('fs').readFileSync ? ${JSON.stringify(SECRET)} : '';\n`);
    mkdirSync(path.join(folders.app, 'node_modules'));
    symlinkSync(linked, path.join(folders.app, 'node_modules', 'linked-package'), 'dir');
    const error = await refusal(folders);
    expect(error.message).toContain('package in node_modules that is a symbolic link');
    expect(error.message).toContain('npm install, without links');
  });

  it('refuses a package found in a node_modules folder above the app', async () => {
    const folders = setting("import leak from 'parent-package';\nexport const handler = () => leak;\n");
    const above = path.join(folders.home, 'projects', 'node_modules', 'parent-package');
    mkdirSync(above, { recursive: true });
    writeFileSync(path.join(above, 'index.js'), `module.exports = ${JSON.stringify(SECRET)};\n`);
    const error = await refusal(folders);
    expect(error.message).toContain('The package "parent-package"');
    expect(error.message).toContain("install the package into the app's own node_modules");
  });

  it('still bundles the app own files, its node_modules, Node built-ins and links that stay inside', async () => {
    const folders = setting(
      "import data from './data.json';\nimport text from './linked.txt' with { type: 'text' };\nimport pad from 'left-pad';\nimport crypto from 'node:crypto';\nimport path from 'path';\n" +
        'export const handler = () => [data.ok, text, pad, typeof crypto, typeof path];\n',
      {
        'src/data.json': '{"ok":"inside-json"}',
        'src/real.txt': 'inside-text',
        'node_modules/.store/left-pad/index.js': "module.exports = 'inside-package';",
        'node_modules/.store/left-pad/package.json': '{"name":"left-pad","main":"index.js"}',
      },
    );
    symlinkSync(path.join(folders.app, 'src', 'real.txt'), path.join(folders.app, 'src', 'linked.txt'));
    // A package linked within node_modules (as pnpm lays packages out) stays inside the app folder.
    symlinkSync(path.join(folders.app, 'node_modules', '.store', 'left-pad'), path.join(folders.app, 'node_modules', 'left-pad'), 'dir');
    const built = await bundleHandler(folders.app, 'index.handler', folders.out);
    const text = readFileSync(built.bundlePath, 'utf8');
    expect(text).toContain('inside-json');
    expect(text).toContain('inside-text');
    expect(text).toContain('inside-package');
  });
});

describe('bundles are replaced in one step', () => {
  it('writes a new file and renames it into place, so a reader never sees a half-written bundle', async () => {
    const folders = setting(`export const handler = () => ${JSON.stringify('first'.repeat(200_000))};\n`);
    const first = await bundleHandler(folders.app, 'index.handler', folders.out);
    // A reader that opened the bundle before the rebuild keeps the whole old file: here, a hard link to it.
    const reader = path.join(folders.home, 'reader-view.cjs');
    linkSync(first.bundlePath, reader);
    const before = readFileSync(reader, 'utf8');
    const firstInode = statSync(first.bundlePath).ino;
    writeFileSync(path.join(folders.app, 'src', 'index.js'), `export const handler = () => ${JSON.stringify('second'.repeat(200_000))};\n`);
    const second = await bundleHandler(folders.app, 'index.handler', folders.out);
    // Writing in place would truncate the file every reader shares; a rename leaves it whole.
    expect(statSync(second.bundlePath).ino).not.toBe(firstInode);
    expect(readFileSync(reader, 'utf8')).toBe(before);
    expect(readFileSync(second.bundlePath, 'utf8')).toContain('secondsecond');
    expect(readdirSync(folders.out).sort()).toEqual([path.basename(second.bundlePath), `${path.basename(second.bundlePath)}.map`]);
  });

  it('never writes through a symbolic link planted where the bundle goes', async () => {
    const folders = setting('export const handler = () => 1;\n');
    const victim = path.join(folders.home, 'victim.txt');
    writeFileSync(victim, 'untouched');
    mkdirSync(folders.out, { recursive: true });
    symlinkSync(victim, path.join(folders.out, 'index.cjs'));
    const built = await bundleHandler(folders.app, 'index.handler', folders.out);
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(readFileSync(built.bundlePath, 'utf8')).toContain('handler');
  });

  it('leaves only whole bundles and no partial files after many concurrent builds', async () => {
    const folders = setting(`export const handler = () => ${JSON.stringify('x'.repeat(2_000_000))};\n`);
    const builds = Array.from({ length: 8 }, () => bundleHandler(folders.app, 'index.handler', folders.out));
    const built = await Promise.all(builds);
    const expected = readFileSync(built[0]!.bundlePath, 'utf8');
    expect(expected).toContain('x'.repeat(2_000_000));
    expect(readdirSync(folders.out).sort()).toEqual(['index.cjs', 'index.cjs.map']);
  });
});

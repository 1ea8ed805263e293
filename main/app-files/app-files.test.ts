import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { listAppFolder, readAppFile, saveAppFile } from './index';

function app(files: Record<string, string> = {}): string {
  const folder = path.join(scratchFolder(), 'app');
  mkdirSync(path.join(folder, 'src'), { recursive: true });
  writeFileSync(path.join(folder, 'manifest.yml'), 'modules: {}\n');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), text);
  }
  return folder;
}

describe('the Explorer lists the app folder', () => {
  it('shows folders first, then files, each by name, with paths relative to the app', async () => {
    const folder = app({ 'src/index.js': '', 'src/util/time.ts': '', 'README.md': '', 'package.json': '{}', 'static/page/index.html': '' });
    const listing = await listAppFolder(folder, '');
    expect(listing.folder).toBe('');
    expect(listing.entries.map((entry) => `${entry.kind} ${entry.path}`)).toEqual(['folder src', 'folder static', 'file manifest.yml', 'file package.json', 'file README.md']);
    expect((await listAppFolder(folder, 'src')).entries).toEqual([
      { name: 'util', path: 'src/util', kind: 'folder' },
      { name: 'index.js', path: 'src/index.js', kind: 'file' },
    ]);
  });

  it('leaves out .git, and links that lead out of the app', async () => {
    const folder = app({ '.git/config': '[core]\n', 'src/index.js': '' });
    const outside = scratchFolder();
    writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    symlinkSync(outside, path.join(folder, 'elsewhere'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(folder, 'secret.txt'));
    symlinkSync(path.join(folder, 'src'), path.join(folder, 'code'));
    const names = (await listAppFolder(folder, '')).entries.map((entry) => entry.name);
    expect(names).toEqual(['code', 'src', 'manifest.yml']);
    await expect(listAppFolder(folder, 'elsewhere')).rejects.toThrow(/elsewhere does not exist in the app folder/);
  });
});

describe('opening an app file in the editor', () => {
  it('gives the text, a revision and the language by extension', async () => {
    const folder = app({ 'src/index.ts': 'export const run = () => 1;\n', 'src/styles.css': 'a{}', 'notes.txt': 'hi' });
    const document = await readAppFile(folder, 'src/index.ts');
    expect(document).toMatchObject({ file: 'src/index.ts', text: 'export const run = () => 1;\n', language: 'typescript' });
    expect(document.revision).toMatch(/^[0-9a-f]+$/);
    expect((await readAppFile(folder, 'src/styles.css')).language).toBe('css');
    expect((await readAppFile(folder, 'notes.txt')).language).toBe('plaintext');
    expect((await readAppFile(folder, 'manifest.yml')).language).toBe('yaml');
  });

  it('refuses a file over 2 MB, a binary file and text that is not UTF-8, saying why', async () => {
    const folder = app({ 'big.json': 'x'.repeat(2 * 1024 * 1024 + 1), 'logo.png': '\u0089PNG\u0000\u0000', 'latin1.txt': '' });
    writeFileSync(path.join(folder, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await expect(readAppFile(folder, 'big.json')).rejects.toThrow(/big\.json is 2049 KB; Anvil's editor opens files up to 2 MB/);
    await expect(readAppFile(folder, 'logo.png')).rejects.toThrow(/logo\.png is a binary file/);
    await expect(readAppFile(folder, 'latin1.txt')).rejects.toThrow(/latin1\.txt is not UTF-8 text/);
  });

  it('keeps a byte-order mark, so a save writes the file back unchanged', async () => {
    const folder = app({ 'src/data.json': '\ufeff{"a":1}' });
    const document = await readAppFile(folder, 'src/data.json');
    await saveAppFile(folder, 'src/data.json', document.text, document.revision);
    expect(readFileSync(path.join(folder, 'src/data.json'))).toEqual(Buffer.from('\ufeff{"a":1}'));
  });
});

describe('saving an app file', () => {
  it('writes the text and answers with the new revision, which the next save builds on', async () => {
    const folder = app({ 'src/index.js': 'old\n' });
    const opened = await readAppFile(folder, 'src/index.js');
    const saved = await saveAppFile(folder, 'src/index.js', 'new\n', opened.revision);
    expect(readFileSync(path.join(folder, 'src/index.js'), 'utf8')).toBe('new\n');
    expect(saved.revision).not.toBe(opened.revision);
    await saveAppFile(folder, 'src/index.js', 'newer\n', saved.revision);
    expect(readFileSync(path.join(folder, 'src/index.js'), 'utf8')).toBe('newer\n');
  });

  it('creates a new file in a folder of the app', async () => {
    const folder = app();
    await saveAppFile(folder, 'src/helpers.ts', 'export {};\n');
    expect(readFileSync(path.join(folder, 'src/helpers.ts'), 'utf8')).toBe('export {};\n');
  });

  it('refuses when another program changed the file since it was opened, naming the file and the choices', async () => {
    const folder = app({ 'src/index.js': 'mine\n' });
    const opened = await readAppFile(folder, 'src/index.js');
    writeFileSync(path.join(folder, 'src/index.js'), 'theirs\n');
    const refusal = saveAppFile(folder, 'src/index.js', 'my edit\n', opened.revision);
    await expect(refusal).rejects.toMatchObject({ code: 'app-file-conflict' });
    await expect(refusal).rejects.toThrow(/src\/index\.js was changed by another program since you opened it\. Reload it .*or overwrite/);
    expect(readFileSync(path.join(folder, 'src/index.js'), 'utf8')).toBe('theirs\n');
    // Overwrite: the same save without a base revision.
    await saveAppFile(folder, 'src/index.js', 'my edit\n');
    expect(readFileSync(path.join(folder, 'src/index.js'), 'utf8')).toBe('my edit\n');
  });

  it('refuses when another program deleted the file since it was opened', async () => {
    const folder = app({ 'src/gone.js': 'x' });
    const opened = await readAppFile(folder, 'src/gone.js');
    const { rmSync } = await import('node:fs');
    rmSync(path.join(folder, 'src/gone.js'));
    await expect(saveAppFile(folder, 'src/gone.js', 'y', opened.revision)).rejects.toMatchObject({ code: 'app-file-conflict', message: expect.stringMatching(/src\/gone\.js was deleted/) });
  });

  it('refuses text over 2 MB and writes nothing', async () => {
    const folder = app({ 'src/index.js': 'small' });
    await expect(saveAppFile(folder, 'src/index.js', 'é'.repeat(1024 * 1024 + 1))).rejects.toThrow(/src\/index\.js would be 2049 KB; Anvil saves files up to 2 MB/);
    expect(readFileSync(path.join(folder, 'src/index.js'), 'utf8')).toBe('small');
  });

  it('keeps the permission bits of the file it replaces', async () => {
    const folder = app({ 'build.sh': '#!/bin/sh\n' });
    const { chmodSync, statSync } = await import('node:fs');
    chmodSync(path.join(folder, 'build.sh'), 0o755);
    await saveAppFile(folder, 'build.sh', '#!/bin/sh\necho hi\n');
    expect(statSync(path.join(folder, 'build.sh')).mode & 0o777).toBe(0o755);
  });
});

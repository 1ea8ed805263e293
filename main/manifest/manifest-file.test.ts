import { readFile, stat, writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ManifestDocument } from '../../common/types';
import { sampleAppCopy } from '../testing';
import { ManifestFile, revisionOf } from './manifest-file';


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

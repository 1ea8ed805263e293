import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { VaultIndex, type IndexEntry } from './vault-index';

const token: IndexEntry = { name: 'site-token:development:acme.atlassian.net', kind: 'site-token', label: 'acme.atlassian.net', environment: 'development', setAt: '2026-01-02T03:04:05.000Z' };
const variable: IndexEntry = { name: 'secret-variable:staging:API_KEY', kind: 'secret-variable', label: 'API_KEY', environment: 'staging', setAt: '2026-01-02T03:04:05.000Z' };

describe('the index of credential names in the data folder', () => {
  it('skips an entry of another shape, keeps the others, and keeps the file it could not read fully beside the new one', async () => {
    const dataDir = scratchFolder();
    const file = path.join(dataDir, 'vault-index.json');
    const written = JSON.stringify({ entries: [token, null, { ...variable, kind: 'password' }, { name: 'no-kind' }] });
    writeFileSync(file, written);
    const index = new VaultIndex(dataDir);
    expect(await index.entries()).toEqual([token]);
    await index.put(variable);
    expect(await index.entries()).toEqual([variable, token]);
    expect(readFileSync(path.join(dataDir, 'vault-index.damaged.json'), 'utf8')).toBe(written);
  });

  it('reads a file that is not JSON as empty, and keeps it aside on the next change', async () => {
    const dataDir = scratchFolder();
    writeFileSync(path.join(dataDir, 'vault-index.json'), '{"entries": [');
    const index = new VaultIndex(dataDir);
    expect(await index.entries()).toEqual([]);
    await index.put(token);
    expect(await index.entries()).toEqual([token]);
    expect(readFileSync(path.join(dataDir, 'vault-index.damaged.json'), 'utf8')).toBe('{"entries": [');
  });

  it('writes a sound index without setting anything aside', async () => {
    const dataDir = scratchFolder();
    const index = new VaultIndex(dataDir);
    await index.put(token);
    await index.put(variable);
    await index.remove(token.name);
    expect(await index.entries()).toEqual([variable]);
    expect(existsSync(path.join(dataDir, 'vault-index.damaged.json'))).toBe(false);
  });
});

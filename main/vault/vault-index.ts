import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CredentialKind } from '../../common/types';

/** What the index knows about an entry: its name and kind, never its value. */
export interface IndexEntry {
  name: string;
  kind: CredentialKind;
  label: string;
  environment: string | null;
  setAt: string;
}

const INDEX_FILE = 'vault-index.json';

/**
 * The names of the secrets Anvil keeps in the keychain. The keychain cannot be listed safely
 * (keytar's findCredentials crashes on a locked keyring), and a missing value cannot be told apart
 * from a locked one, so Anvil remembers the names itself.
 */
export class VaultIndex {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, INDEX_FILE);
  }

  async entries(): Promise<IndexEntry[]> {
    const text = await readFile(this.file, 'utf8').catch(() => null);
    if (text === null) return [];
    try {
      const parsed = JSON.parse(text) as { entries?: IndexEntry[] };
      return Array.isArray(parsed.entries) ? parsed.entries : [];
    } catch {
      // A damaged index loses only names; the secrets stay in the keychain and can be set again.
      return [];
    }
  }

  async put(entry: IndexEntry): Promise<void> {
    const entries = (await this.entries()).filter((existing) => existing.name !== entry.name);
    await this.write([...entries, entry].sort((a, b) => a.name.localeCompare(b.name)));
  }

  async remove(name: string): Promise<void> {
    await this.write((await this.entries()).filter((existing) => existing.name !== name));
  }

  private async write(entries: IndexEntry[]): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.tmp`;
    await writeFile(temporary, JSON.stringify({ entries }, null, 2), { mode: 0o600 });
    await rename(temporary, this.file);
  }
}

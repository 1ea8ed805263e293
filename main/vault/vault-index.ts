import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { anything, fields, list, nullable, oneOf, optional, passes, required, string, validate, type Infer } from '../contract';

// The index file sits in the data folder, where another program (or an older Anvil) may have left
// anything: each entry is checked, and one of another shape is skipped, not allowed to stop the rest.
const ANY_LENGTH = Number.POSITIVE_INFINITY;
const indexEntry = fields({
  name: required(string({ nonEmpty: true })),
  kind: required(oneOf(['atlassian-account', 'site-token', 'provider-account', 'secret-variable'])),
  label: required(string()),
  environment: required(nullable(string())),
  setAt: required(string()),
});
const indexFile = fields({ entries: optional(list(anything, ANY_LENGTH)) });

/** What the index knows about an entry: its name and kind, never its value. */
export type IndexEntry = Infer<typeof indexEntry>;

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
    return (await this.read()).entries;
  }

  async put(entry: IndexEntry): Promise<void> {
    const entries = (await this.entries()).filter((existing) => existing.name !== entry.name);
    await this.write([...entries, entry].sort((a, b) => a.name.localeCompare(b.name)));
  }

  async remove(name: string): Promise<void> {
    await this.write((await this.entries()).filter((existing) => existing.name !== name));
  }

  /** The entries that fit, and whether anything in the file did not (it is then kept aside before the next write). */
  private async read(): Promise<{ entries: IndexEntry[]; damaged: boolean }> {
    const text = await readFile(this.file, 'utf8').catch(() => null);
    if (text === null) return { entries: [], damaged: false };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // A damaged index loses only names; the secrets stay in the keychain and can be set again.
      return { entries: [], damaged: true };
    }
    const parsed = validate(json, indexFile);
    if (!parsed.ok) return { entries: [], damaged: true };
    const all = parsed.value.entries ?? [];
    const entries = all.flatMap((entry) => (passes(entry, indexEntry) ? [{ name: entry.name, kind: entry.kind, label: entry.label, environment: entry.environment, setAt: entry.setAt }] : []));
    return { entries, damaged: entries.length !== all.length };
  }

  private async write(entries: IndexEntry[]): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    // What Anvil could not read is kept beside the index, so a name it skipped can still be found by hand.
    if ((await this.read()).damaged) await rename(this.file, this.file.replace(/\.json$/, '.damaged.json'));
    const temporary = `${this.file}.tmp`;
    await writeFile(temporary, JSON.stringify({ entries }, null, 2), { mode: 0o600 });
    await rename(temporary, this.file);
  }
}

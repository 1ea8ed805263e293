import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomically } from './atomic-write';
import { isSha256, parseCachedExports, parseCachedFacts } from './scan-cache-shape';
import { SCANNER_VERSION } from './scanner-version';
import type { SourceFacts } from './source-facts';

/** The cache's file name inside the app's data folder. */
export const SCAN_CACHE_FILE = 'source-scan.json';
const FORMAT = 1;
// Far above what 5,000 scanned files produce; a larger file is not read at all.
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

interface Entry {
  sha256: string;
  facts?: SourceFacts;
  /** Export names of a handler file; null when they cannot be known statically. */
  exports?: string[] | null;
}

/** The SHA-256 of a file's bytes, the key its cached facts are kept under. */
export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What produced cached facts: the scanner's version and the parser's (a new parser can see a file differently). */
export function scannerIdentity(): string {
  let parser = 'unknown';
  try {
    parser = String((createRequire(import.meta.url)('typescript/package.json') as { version?: unknown }).version);
  } catch {
    // Without a version the key still changes with SCANNER_VERSION; a parser upgrade then needs a bump too.
  }
  return `scanner ${SCANNER_VERSION}, typescript ${parser}`;
}

/**
 * What the source scan found in each file of one app, kept between runs under Anvil's data folder (never
 * the app's own folder: a cloned app must not be able to plant scan results). Facts are used only for the
 * same path, the same bytes (SHA-256) and the same scanner; the file is untrusted when read back, so a
 * malformed, oversized or foreign cache is ignored. Best effort throughout: a cache that cannot be read or
 * written only costs a rescan.
 */
export class ScanCache {
  private entries: Promise<Map<string, Entry>> | null = null;
  private changed = false;
  private readonly identity: string;

  constructor(
    readonly folder: string,
    identity: string = scannerIdentity(),
  ) {
    this.identity = identity;
  }

  get file(): string {
    return path.join(this.folder, SCAN_CACHE_FILE);
  }

  /** Cached facts of `file` when its bytes hash to `sha256`, else null. */
  async factsFor(file: string, sha256: string): Promise<SourceFacts | null> {
    const entry = (await this.load()).get(file);
    return entry?.sha256 === sha256 && entry.facts !== undefined ? entry.facts : null;
  }

  /** Cached export names of `file` when its bytes hash to `sha256`; undefined when not cached. */
  async exportsFor(file: string, sha256: string): Promise<string[] | null | undefined> {
    const entry = (await this.load()).get(file);
    return entry?.sha256 === sha256 ? entry.exports : undefined;
  }

  async remember(file: string, sha256: string, facts: SourceFacts): Promise<void> {
    this.entryFor(await this.load(), file, sha256).facts = facts;
    this.changed = true;
  }

  async rememberExports(file: string, sha256: string, exports: string[] | null): Promise<void> {
    this.entryFor(await this.load(), file, sha256).exports = exports;
    this.changed = true;
  }

  /** Write the cache when it changed, keeping only the files still in the app. Never throws. */
  async save(liveFiles: ReadonlySet<string>): Promise<void> {
    const entries = await this.load();
    for (const file of [...entries.keys()]) {
      if (!liveFiles.has(file)) {
        entries.delete(file);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    this.changed = false;
    const files = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const text = JSON.stringify({ format: FORMAT, scanner: this.identity, files });
    if (!(await writeFileAtomically(this.folder, SCAN_CACHE_FILE, text))) this.changed = true;
  }

  private entryFor(entries: Map<string, Entry>, file: string, sha256: string): Entry {
    let entry = entries.get(file);
    // New bytes: what was learnt from the old ones no longer holds.
    if (entry?.sha256 !== sha256) {
      entry = { sha256 };
      entries.set(file, entry);
    }
    return entry;
  }

  private load(): Promise<Map<string, Entry>> {
    this.entries ??= this.read().catch(() => new Map<string, Entry>());
    return this.entries;
  }

  private async read(): Promise<Map<string, Entry>> {
    const entries = new Map<string, Entry>();
    const info = await lstat(this.file).catch(() => null);
    if (info === null || !info.isFile() || info.size > MAX_CACHE_BYTES) return entries;
    let stored: unknown;
    try {
      stored = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      return entries;
    }
    if (!isRecord(stored) || stored.format !== FORMAT || stored.scanner !== this.identity || !isRecord(stored.files)) return entries;
    for (const [file, value] of Object.entries(stored.files)) {
      if (!isRecord(value) || !isSha256(value.sha256)) continue;
      const entry: Entry = { sha256: value.sha256 };
      if ('facts' in value) {
        const facts = parseCachedFacts(value.facts, file);
        if (facts === null) continue;
        entry.facts = facts;
      }
      if ('exports' in value) {
        const exports = parseCachedExports(value.exports);
        if (exports === undefined) continue;
        entry.exports = exports;
      }
      entries.set(file, entry);
    }
    return entries;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

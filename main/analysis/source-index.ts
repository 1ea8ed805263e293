import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { watchAppFolders } from './folder-watcher';
import { contentHash, type ScanCache } from './scan-cache';
import { factsWithoutParsing } from './scan-precheck';
import { emptyFacts, type SourceFacts } from './source-facts';
import { loadSourceScanner, type ScannerLoader, type SourceScanner } from './source-scanner';
import { SOURCE_FILE_LIMIT, SOURCE_FILE_MAX_BYTES, appRelativePath, isSourceFilePath, listSourceFiles, listSourceFilesUnder } from './source-files';

// Editors write a file in several steps; wait for them to settle before reading it.
const SETTLE_MS = 40;
const PARALLEL_READS = 8;

export interface SourceIndexOptions {
  /** Facts kept between runs; without one every file is scanned. */
  cache?: ScanCache | null;
  /** Loads the parser on the first file that is not in the cache (tests count the loads). */
  loadScanner?: ScannerLoader;
}

/** The app's sources, scanned once and then file by file as they change. */
export class SourceIndex {
  private readonly byFile = new Map<string, SourceFacts>();
  /** The latest rescan started for each file; an older one finishing later must not overwrite it. */
  private readonly latestRescan = new Map<string, number>();
  private rescans = 0;
  private readonly cache: ScanCache | null;
  private readonly loadScanner: ScannerLoader;
  private scanner: Promise<SourceScanner> | null = null;

  constructor(
    readonly appFolder: string,
    options: SourceIndexOptions = {},
  ) {
    this.cache = options.cache ?? null;
    this.loadScanner = options.loadScanner ?? loadSourceScanner;
  }

  /** Scan every source file of the app, forgetting files that are gone. */
  async scanAll(): Promise<void> {
    const files = await listSourceFiles(this.appFolder);
    const listed = new Set(files);
    for (const file of [...this.byFile.keys()]) if (!listed.has(file)) this.byFile.delete(file);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) await this.rescan(files[next++] as string);
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, files.length) }, worker));
  }

  /** Re-scan one file (relative path); a deleted file is dropped. */
  async rescan(file: string): Promise<void> {
    const relative = appRelativePath(this.appFolder, file);
    if (relative === null) return;
    const ticket = ++this.rescans;
    this.latestRescan.set(relative, ticket);
    const facts = await this.read(relative);
    if (this.latestRescan.get(relative) !== ticket) return;
    this.latestRescan.delete(relative);
    if (facts === null) this.byFile.delete(relative);
    else if (this.byFile.has(relative) || this.byFile.size < SOURCE_FILE_LIMIT) this.byFile.set(relative, facts);
  }

  /** The facts of every scanned file, sorted by path. */
  facts(): SourceFacts[] {
    return [...this.byFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  /** How many files are in the index. */
  fileCount(): number {
    return this.byFile.size;
  }

  /** Keep what was scanned for the next run (when the index has a cache); never throws. */
  async saveCache(): Promise<void> {
    await this.cache?.save(new Set(this.byFile.keys()));
  }

  /**
   * The names a handler file exports, or null when they cannot be known statically or the file cannot be
   * read; from the scan cache when the file is unchanged.
   */
  async exportsOf(relative: string): Promise<Set<string> | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(this.appFolder, relative));
    } catch {
      return null;
    }
    const sha256 = contentHash(bytes);
    const cached = await this.cache?.exportsFor(relative, sha256);
    if (cached !== undefined) return cached === null ? null : new Set(cached);
    const names = (await this.parser()).exportedNames(relative, bytes.toString('utf8'));
    await this.cache?.rememberExports(relative, sha256, names === null ? null : [...names].sort());
    return names;
  }

  /**
   * The facts of a text the editor holds for a file but has not saved: scanned as the file would be,
   * but neither kept in the index nor in the scan cache, which both describe the disk.
   */
  async factsOfUnsaved(relative: string, text: string): Promise<SourceFacts> {
    const unparsed = factsWithoutParsing(relative, text);
    if (unparsed !== null) return unparsed;
    try {
      return (await this.parser()).scanSource(relative, text);
    } catch (error) {
      return emptyFacts(relative, `could not be scanned: ${(error as Error).message}`);
    }
  }

  /** The names an unsaved text of a handler file exports (null when unknowable); not cached, like `factsOfUnsaved`. */
  async exportsOfUnsaved(relative: string, text: string): Promise<Set<string> | null> {
    return (await this.parser()).exportedNames(relative, text);
  }

  /**
   * Watch the folder and rescan only the changed file; calls onChange(file) after each rescan, and
   * onOtherPath(path) for a changed path that is not a source file (another file, or a folder that
   * appeared or went away), so open editors and the Explorer can follow it. Returns a stop function.
   */
  watch(onChange: (file: string) => void, onOtherPath: (path: string) => void = () => undefined): () => void {
    const settling = new Map<string, NodeJS.Timeout>();
    let stopped = false;
    const stopWatching = watchAppFolders(this.appFolder, (relative) => {
      clearTimeout(settling.get(relative));
      const timer = setTimeout(() => {
        settling.delete(relative);
        void this.refresh(relative)
          .then((files) => {
            for (const file of files) if (!stopped) onChange(file);
            if (!stopped && !isSourceFilePath(relative)) onOtherPath(relative);
          })
          .catch(() => undefined); // a failing listener must not end the watch
      }, SETTLE_MS);
      timer.unref();
      settling.set(relative, timer);
    });
    return () => {
      stopped = true;
      stopWatching();
      for (const timer of settling.values()) clearTimeout(timer);
      settling.clear();
    };
  }

  // A changed path is a file, or a folder that appeared, vanished or was renamed: rescan what it holds.
  private async refresh(relative: string): Promise<string[]> {
    const files = new Set<string>();
    if (isSourceFilePath(relative)) files.add(relative);
    for (const known of this.byFile.keys()) if (known.startsWith(`${relative}/`)) files.add(known);
    for (const found of await listSourceFilesUnder(this.appFolder, relative)) files.add(found);
    const sorted = [...files].sort();
    for (const file of sorted) await this.rescan(file);
    return sorted;
  }

  // The facts of one file, or null when it is not (or no longer) a source file the index holds.
  private async read(relative: string): Promise<SourceFacts | null> {
    if (!isSourceFilePath(relative)) return null;
    const absolute = path.join(this.appFolder, relative);
    let bytes: Buffer;
    try {
      const info = await lstat(absolute);
      if (!info.isFile() || info.size > SOURCE_FILE_MAX_BYTES) return null;
      bytes = await readFile(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
      return emptyFacts(relative, `could not be read: ${code ?? (error as Error).message}`);
    }
    return this.scan(relative, bytes);
  }

  // Cached facts for these exact bytes, else a scan (parsing only files that name a Forge API).
  private async scan(relative: string, bytes: Buffer): Promise<SourceFacts> {
    const sha256 = contentHash(bytes);
    const cached = await this.cache?.factsFor(relative, sha256);
    if (cached) return cached;
    const text = bytes.toString('utf8');
    let facts = factsWithoutParsing(relative, text);
    if (facts === null) {
      try {
        facts = (await this.parser()).scanSource(relative, text);
      } catch (error) {
        // The parser could not be loaded: say so on the file, and do not cache the answer.
        return emptyFacts(relative, `could not be scanned: ${(error as Error).message}`);
      }
    }
    await this.cache?.remember(relative, sha256, facts);
    return facts;
  }

  private parser(): Promise<SourceScanner> {
    this.scanner ??= this.loadScanner();
    return this.scanner;
  }
}

import type { AnvilBridge } from '../../../common/api';
import type { AppFileDocument } from '../../../common/types';
import { MANIFEST_FILE, readOnlyReason } from './appFilePaths';
import { afterClose } from './editorTabs';

/** The calls the open files need (a narrow slice of the bridge, so tests can stand in for it). */
export type AppFilesBridge = Pick<AnvilBridge, 'readAppFile' | 'saveAppFile'>;

/** One app file open in a tab. The text being edited lives in the editor's model (see AppFileBuffers). */
export interface OpenAppFile {
  file: string;
  /** As last read from or saved to disk; null until the first read answers or when it failed. */
  document: AppFileDocument | null;
  /** Why the file cannot be shown (it could not be read), in the reader's words. */
  error: string | null;
  /** Why the file is shown read-only (binary, very large); null when it can be edited. */
  readOnly: string | null;
  dirty: boolean;
  saving: boolean;
  /** The last save's failure, other than a conflict. */
  saveError: string | null;
  /**
   * The disk and the editor disagree and the developer must choose: a save was refused because the
   * file changed since it was read, or it changed outside while the editor holds unsaved edits.
   */
  conflict: string | null;
  /** Bumped for each request to show a line, so asking twice for the same line shows it twice. */
  reveal: { line: number; request: number } | null;
}

export interface AppFilesState {
  /** Tab order: the manifest's key first, then app files in the order they were opened. */
  order: string[];
  files: ReadonlyMap<string, OpenAppFile>;
  /** The key of the tab shown: MANIFEST_FILE or an app file's path. */
  active: string;
  /** A request to show a line of the manifest (its editor is not an app-file model). */
  manifestReveal: { line: number; request: number } | null;
}

/**
 * What the editor (Monaco, loaded later) does for the store: the text of a file's model, replacing it
 * after an outside change, and remembering which version is the one on disk.
 */
export interface AppFileBuffers {
  /** The model's text and a version to mark clean once that text is on disk; null when there is no model. */
  snapshot(file: string): { text: string; version: number } | null;
  /** Puts the disk's text in the model (undoable) and counts that text as clean. */
  replace(file: string, text: string): void;
  /** The text of `version` is what the disk holds now. */
  markClean(file: string, version: number): void;
  /** The tab closed: the model goes. */
  discard(file: string): void;
}

/** What a save refused because the disk changed looks like: the error's code names a conflict. */
function isConflict(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'app-file-conflict';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The app files open in the editor area and the rules that keep edits from being lost, as for the
 * manifest: a save names the revision it was based on, and is refused when the disk changed since;
 * an outside change reloads a clean editor and, when it holds unsaved edits, waits for the
 * developer's choice. One store per open app.
 */
export class AppFilesStore {
  private state: AppFilesState = { order: [MANIFEST_FILE], files: new Map(), active: MANIFEST_FILE, manifestReveal: null };
  private readonly listeners = new Set<() => void>();
  private buffers: AppFileBuffers | null = null;
  private requests = 0;
  /** Reads of outside changes in flight, so a slow answer never overrides a newer one. */
  private readonly reading = new Map<string, number>();

  constructor(private readonly bridge: AppFilesBridge) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): AppFilesState => this.state;

  private set(next: Partial<AppFilesState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }

  private update(file: string, change: Partial<OpenAppFile>): void {
    const current = this.state.files.get(file);
    if (!current) return;
    const files = new Map(this.state.files);
    files.set(file, { ...current, ...change });
    this.set({ files });
  }

  /** The editor's side; null while Monaco has not loaded (no model exists then, so nothing is dirty). */
  attachBuffers(buffers: AppFileBuffers | null): void {
    this.buffers = buffers;
  }

  /** Opens a file in a tab (or shows its tab) and, with a line, shows that line. */
  open(file: string, line?: number): void {
    const reveal = line === undefined ? null : { line, request: ++this.requests };
    if (file === MANIFEST_FILE) {
      this.set({ active: MANIFEST_FILE, manifestReveal: reveal ?? this.state.manifestReveal });
      return;
    }
    const existing = this.state.files.get(file);
    if (existing) {
      const files = new Map(this.state.files);
      files.set(file, { ...existing, reveal: reveal ?? existing.reveal });
      this.set({ active: file, files });
      return;
    }
    const files = new Map(this.state.files);
    files.set(file, { file, document: null, error: null, readOnly: null, dirty: false, saving: false, saveError: null, conflict: null, reveal });
    this.set({ order: [...this.state.order, file], files, active: file });
    this.bridge.readAppFile({ file }).then(
      (document) => this.update(file, { document, readOnly: readOnlyReason(document.text) }),
      (error: unknown) => this.update(file, { error: message(error) }),
    );
  }

  activate(key: string): void {
    if (key === MANIFEST_FILE || this.state.files.has(key)) this.set({ active: key });
  }

  /** Closes a tab without asking (the editor area asks first when it is dirty). The manifest stays. */
  close(file: string): void {
    if (!this.state.files.has(file)) return;
    const files = new Map(this.state.files);
    files.delete(file);
    const active = afterClose(this.state.order, this.state.active, file) ?? MANIFEST_FILE;
    this.set({ order: this.state.order.filter((key) => key !== file), files, active });
    this.reading.delete(file);
    this.buffers?.discard(file);
  }

  /** Told by the editor whenever a model's text starts or stops matching the disk. */
  setDirty(file: string, dirty: boolean): void {
    if (this.state.files.get(file)?.dirty !== dirty) this.update(file, { dirty });
  }

  /** Saves the editor's text; `overwrite` replaces whatever the disk holds now. True when it is on disk. */
  async save(file: string, overwrite = false): Promise<boolean> {
    const open = this.state.files.get(file);
    const snapshot = this.buffers?.snapshot(file);
    if (!open || !open.document || open.readOnly || !snapshot) return false;
    this.update(file, { saving: true, saveError: null });
    try {
      const document = await this.bridge.saveAppFile(overwrite ? { file, text: snapshot.text } : { file, text: snapshot.text, baseRevision: open.document.revision });
      this.buffers?.markClean(file, snapshot.version);
      this.update(file, { document, saving: false, conflict: null });
      return true;
    } catch (error) {
      if (isConflict(error)) this.update(file, { saving: false, conflict: message(error) });
      else this.update(file, { saving: false, saveError: message(error) });
      return false;
    }
  }

  /** Takes the version on disk, dropping the editor's unsaved text. */
  async reloadFromDisk(file: string): Promise<void> {
    try {
      const document = await this.bridge.readAppFile({ file });
      this.buffers?.replace(file, document.text);
      this.update(file, { document, conflict: null, saveError: null, dirty: false, readOnly: readOnlyReason(document.text) });
    } catch (error) {
      this.update(file, { conflict: message(error) });
    }
  }

  /**
   * The file may have changed on disk (the core's `sourcesChanged`, or the window got the focus
   * back): a clean editor takes the new text silently, a dirty one says so and keeps its edits.
   */
  async checkDisk(file: string): Promise<void> {
    const open = this.state.files.get(file);
    if (!open?.document) return;
    const ticket = (this.reading.get(file) ?? 0) + 1;
    this.reading.set(file, ticket);
    let document: AppFileDocument;
    try {
      document = await this.bridge.readAppFile({ file });
    } catch (error) {
      if (this.reading.get(file) !== ticket) return;
      // Gone or unreadable now: the editor keeps its text, and says it is no longer what the disk holds.
      this.update(file, { conflict: `${file} can no longer be read from disk: ${message(error)}` });
      return;
    }
    const now = this.state.files.get(file);
    if (this.reading.get(file) !== ticket || !now?.document || now.saving) return;
    if (document.revision === now.document.revision) return;
    if (now.dirty) {
      this.update(file, { conflict: `${file} changed on disk while you have unsaved edits.` });
      return;
    }
    this.buffers?.replace(file, document.text);
    this.update(file, { document, conflict: null, readOnly: readOnlyReason(document.text) });
  }

  /** Every open file: after the window was away, any of them may have changed. */
  checkAll(): void {
    for (const file of this.state.files.keys()) void this.checkDisk(file);
  }

  /** Saves every dirty file; true when all of them are on disk. */
  async saveAll(): Promise<boolean> {
    let all = true;
    for (const open of [...this.state.files.values()]) if (open.dirty) all = (await this.save(open.file)) && all;
    return all;
  }

  dirtyFiles(): string[] {
    return this.state.order.filter((key) => this.state.files.get(key)?.dirty);
  }
}

import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ManifestDocument } from '../../common/types';
import { AnvilError } from '../contract';
import { replaceFile } from './replace-file';

export const MANIFEST_FILE_NAME = 'manifest.yml';

/** Content hash used as the revision of a manifest text. */
export function revisionOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * The manifest.yml of one app folder: read, save without losing anyone's edits, and notice
 * edits made by other programs. Editors often replace files by rename, so the folder is watched,
 * not the file.
 */
export class ManifestFile {
  readonly path: string;
  private known: ManifestDocument | null = null;
  private watcher: FSWatcher | null = null;
  private pendingCheck: NodeJS.Timeout | null = null;

  constructor(readonly folder: string) {
    this.path = path.join(folder, MANIFEST_FILE_NAME);
  }

  async read(): Promise<ManifestDocument> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      throw new AnvilError('io-error', `Cannot read ${this.path}: ${(error as Error).message}`);
    }
    this.known = { path: this.path, text, revision: revisionOf(text) };
    return this.known;
  }

  /** Write the text; with a base revision, refuse when the file changed on disk since then. */
  async save(text: string, baseRevision?: string): Promise<ManifestDocument> {
    if (baseRevision !== undefined) {
      const onDisk = await this.readQuietly();
      if (onDisk !== null && revisionOf(onDisk) !== baseRevision) {
        throw new AnvilError('manifest-conflict', `${this.path} was changed by another program since you opened it. Reload it to see those changes, or save again to overwrite them.`);
      }
    }
    try {
      await replaceFile(this.path, text);
    } catch (error) {
      if (error instanceof AnvilError) throw new AnvilError(error.code, `${error.message} Your text is still in the editor.`);
      throw new AnvilError('io-error', `Cannot write ${this.path}: ${(error as Error).message}. Your text is still in the editor.`);
    }
    this.known = { path: this.path, text, revision: revisionOf(text) };
    return this.known;
  }

  /** Call `onExternalChange` whenever the file's content differs from what this object last read or wrote. */
  watch(onExternalChange: (document: ManifestDocument) => void): void {
    this.unwatch();
    this.watcher = watch(this.folder, { persistent: false }, (_event, fileName) => {
      if (fileName !== null && fileName !== MANIFEST_FILE_NAME) return;
      // Several events arrive for one save; look once they have settled.
      if (this.pendingCheck) clearTimeout(this.pendingCheck);
      this.pendingCheck = setTimeout(() => void this.checkForExternalChange(onExternalChange), 30);
    });
    this.watcher.on('error', () => this.unwatch());
  }

  unwatch(): void {
    if (this.pendingCheck) clearTimeout(this.pendingCheck);
    this.pendingCheck = null;
    this.watcher?.close();
    this.watcher = null;
  }

  private async checkForExternalChange(onExternalChange: (document: ManifestDocument) => void): Promise<void> {
    const text = await this.readQuietly();
    if (text === null || text === this.known?.text) return;
    this.known = { path: this.path, text, revision: revisionOf(text) };
    onExternalChange(this.known);
  }

  private async readQuietly(): Promise<string | null> {
    try {
      return await readFile(this.path, 'utf8');
    } catch {
      return null;
    }
  }
}

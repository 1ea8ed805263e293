import { createHash } from 'node:crypto';
import { HandlerFiles } from '../manifest';
import type { SourceFacts } from './source-facts';
import { isSourceFilePath, SOURCE_FILE_MAX_BYTES } from './source-files';
import type { SourceIndex } from './source-index';

/** A text the editor holds for an app file and has not saved. */
export interface UnsavedSource {
  file: string;
  text: string;
}

/** At most this many unsaved texts, and this many bytes of them, count in one analysis; the rest are read from disk. */
export const UNSAVED_SOURCES_MAX_FILES = 50;
export const UNSAVED_SOURCES_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The unsaved texts that stand in for their files: source files only (others cannot change a finding),
 * each within the scanner's size limit, the total within the caps, the last text of a file winning.
 */
export function usableUnsavedSources(unsaved: readonly UnsavedSource[]): Map<string, string> {
  const byFile = new Map<string, string>();
  for (const source of unsaved) if (isSourceFilePath(source.file)) byFile.set(source.file, source.text);
  const usable = new Map<string, string>();
  let bytes = 0;
  for (const [file, text] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const size = Buffer.byteLength(text, 'utf8');
    if (size > SOURCE_FILE_MAX_BYTES || usable.size >= UNSAVED_SOURCES_MAX_FILES || bytes + size > UNSAVED_SOURCES_MAX_BYTES) continue;
    bytes += size;
    usable.set(file, text);
  }
  return usable;
}

/** A key for a set of unsaved texts, so an analysis of the same edit joins the running one only when they match too. */
export function unsavedKey(usable: ReadonlyMap<string, string>): string {
  if (usable.size === 0) return '';
  const hash = createHash('sha256');
  for (const [file, text] of usable) hash.update(file).update('\0').update(text).update('\0');
  return hash.digest('hex');
}

const SCANS_KEPT = 2 * UNSAVED_SOURCES_MAX_FILES;

/** Scans of unsaved texts by content, kept in memory only (a keystroke in the manifest must not re-parse an unchanged buffer). */
export class UnsavedScans {
  private readonly facts = new Map<string, Promise<SourceFacts>>();
  private readonly exports = new Map<string, Promise<Set<string> | null>>();

  constructor(private readonly sources: SourceIndex) {}

  /** The index's facts with each unsaved text's facts in place of its file's. */
  async overlay(disk: SourceFacts[], usable: ReadonlyMap<string, string>): Promise<SourceFacts[]> {
    if (usable.size === 0) return disk;
    const replaced = new Map(disk.map((facts) => [facts.file, facts]));
    for (const [file, text] of usable) replaced.set(file, await remembered(this.facts, keyOf(file, text), () => this.sources.factsOfUnsaved(file, text)));
    return [...replaced.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  /** Handler files whose exports come from the unsaved text where there is one, from the disk otherwise. */
  handlers(appFolder: string, onDisk: HandlerFiles, usable: ReadonlyMap<string, string>): HandlerFiles {
    if (usable.size === 0) return onDisk;
    return new HandlerFiles(appFolder, (file) => {
      const text = usable.get(file);
      return text === undefined ? onDisk.exportsOf(file) : remembered(this.exports, keyOf(file, text), () => this.sources.exportsOfUnsaved(file, text));
    });
  }
}

function keyOf(file: string, text: string): string {
  return `${file}\0${createHash('sha256').update(text).digest('hex')}`;
}

function remembered<T>(kept: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let answer = kept.get(key);
  if (answer === undefined) {
    answer = make();
    // Oldest first out: a Map iterates in insertion order.
    if (kept.size >= SCANS_KEPT) kept.delete(kept.keys().next().value as string);
  } else kept.delete(key);
  kept.set(key, answer);
  return answer;
}

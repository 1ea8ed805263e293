import { constants, type Dirent } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { AppSearchMatch, AppSearchResult } from '../../common/types';
import { isSkippedFolderName } from '../analysis';
import { realAppFolder } from './app-file-path';
import { SEARCH_BUDGET_MS, TextMatcher, type SearchQuery } from './text-matcher';

/** The caps of one search; `truncated` says when one was reached. */
export const SEARCH_LIMITS = {
  /** Files read. */
  files: 5_000,
  /** Bytes read, all files together. */
  bytes: 50 * 1024 * 1024,
  /** Matches answered. */
  matches: 2_000,
  /** A larger file is not searched (bundles, generated data), like a binary one. */
  fileBytes: 2 * 1024 * 1024,
  /** Time spent matching, all files together (the core answers nothing else meanwhile). */
  matchingMs: SEARCH_BUDGET_MS,
};

/** A preview holds at least this much of its line, and this much after the match. */
const PREVIEW_CHARS = 200;
const PREVIEW_TAIL_CHARS = 80;
/** A NUL byte in a file's first bytes makes it binary, as git decides. */
const BINARY_SNIFF_BYTES = 8_000;

/**
 * Search the app's text files, folder by folder in name order: not node_modules, dot-folders (.git)
 * or build output, no links (they can loop or lead out of the app), no binary files, no devices.
 */
export async function searchAppFiles(appFolder: string, query: SearchQuery, limits = SEARCH_LIMITS): Promise<AppSearchResult> {
  const matcher = new TextMatcher(query, limits.matchingMs);
  const root = await realAppFolder(appFolder);
  const matches: AppSearchMatch[] = [];
  let filesSearched = 0;
  let bytesRead = 0;
  let truncated = false;
  const pending: string[] = [''];
  while (pending.length > 0) {
    const folder = pending.pop() as string;
    const entries = await readdir(path.join(root, folder), { withFileTypes: true }).catch((): Dirent[] => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (const entry of entries) {
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!isSkippedFolderName(entry.name)) subfolders.push(relative);
        continue;
      }
      if (!entry.isFile() || entry.name.includes('\\')) continue;
      if (filesSearched >= limits.files || bytesRead >= limits.bytes || matches.length >= limits.matches) return { matches, filesSearched, truncated: true };
      const text = await searchableText(path.join(root, relative), limits.fileBytes, limits.bytes - bytesRead);
      if (text === 'over-budget') return { matches, filesSearched, truncated: true };
      if (text === null) continue;
      const found = matcher.find(text, limits.matches - matches.length, relative);
      if (found.exhausted) return { matches, filesSearched, truncated: true };
      filesSearched += 1;
      bytesRead += Buffer.byteLength(text, 'utf8');
      if (found.cut) truncated = true;
      const lines = found.matches.length > 0 ? text.split('\n') : [];
      for (const match of found.matches) matches.push({ file: relative, ...match, preview: previewOf(lines[match.line - 1] ?? '', match.column, match.length) });
      if (matches.length >= limits.matches) return { matches, filesSearched, truncated: true };
    }
    pending.push(...subfolders.reverse());
  }
  return { matches, filesSearched, truncated };
}

/**
 * A file's text, or null when it is not one to search (gone, not a regular file, too large, binary);
 * 'over-budget' when reading it would pass the search's byte cap. Opened without following a link and
 * without blocking, so a FIFO swapped in after the listing cannot hang the search.
 */
async function searchableText(absolute: string, maxFileBytes: number, budget: number): Promise<string | null | 'over-budget'> {
  const handle = await open(absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)).catch(() => null);
  if (handle === null) return null;
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > maxFileBytes) return null;
    if (info.size > budget) return 'over-budget';
    const buffer = Buffer.alloc(info.size);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    const bytes = buffer.subarray(0, length);
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return null;
    return bytes.toString('utf8');
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * The line of a match from its start (so `column` indexes into it, as the Search view highlights it),
 * ending a little after the match: a minified line is not sent whole.
 */
function previewOf(line: string, column: number, length: number): string {
  const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
  return clean.slice(0, Math.max(PREVIEW_CHARS, column - 1 + length + PREVIEW_TAIL_CHARS));
}

import type { AppSearchMatch } from './calls';

/** The matches of one file, in the order the search found them. */
export interface FileMatches {
  file: string;
  matches: AppSearchMatch[];
}

/** Matches grouped by file, files in the order their first match came, so the list reads like the search. */
export function groupByFile(matches: readonly AppSearchMatch[]): FileMatches[] {
  const groups = new Map<string, AppSearchMatch[]>();
  for (const match of matches) {
    const group = groups.get(match.file);
    if (group) group.push(match);
    else groups.set(match.file, [match]);
  }
  return [...groups].map(([file, list]) => ({ file, matches: list }));
}

/** "3 results in 2 files", with the note that the list stops early when the search was cut. */
export function resultSummary(matchCount: number, fileCount: number, truncated: boolean): string {
  if (matchCount === 0) return 'No results';
  const results = `${matchCount} result${matchCount === 1 ? '' : 's'} in ${fileCount} file${fileCount === 1 ? '' : 's'}`;
  return truncated ? `${results} (the first ones only: narrow the search to see the rest)` : results;
}

// Enough of the line before the match to place it; the match itself is never cut off the start.
const LEAD = 32;

/** A match's line cut into the text before the match, the match, and after: the preview highlights the middle. */
export function previewParts(match: Pick<AppSearchMatch, 'preview' | 'column' | 'length'>): { before: string; match: string; after: string } {
  const start = Math.min(Math.max(match.column - 1, 0), match.preview.length);
  const end = Math.min(start + Math.max(match.length, 0), match.preview.length);
  let before = match.preview.slice(0, start).trimStart();
  if (before.length > LEAD) before = `…${before.slice(before.length - LEAD)}`;
  return { before, match: match.preview.slice(start, end), after: match.preview.slice(end) };
}

/** The index a key moves to among `count` matches (arrows, Home, End), or null for any other key. */
export function movedIndex(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowDown') return Math.min(index + 1, count - 1);
  if (key === 'ArrowUp') return Math.max(index - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

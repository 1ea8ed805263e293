import { knownScopeNames } from './scope-catalog';

const DEFAULT_LIMIT = 5;
/** Names sharing this share of their words are suggested even when spelled far apart. */
const WORD_MATCH = 0.6;

interface Candidate {
  name: string;
  tokens: Set<string>;
}

let candidates: Candidate[] | null = null;

const tokensOf = (scope: string): Set<string> => new Set(scope.split(/[:.\-_\s]+/).filter((token) => token !== ''));

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (`wrok` → `work`). Gives up
 * and returns `limit + 1` as soon as the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Uint16Array(b.length + 1);
  let previous = Uint16Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** Share of words two names have in common, whatever their order (`jira:read:issue` ~ `read:issue:jira`). */
function wordOverlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** "Did you mean": valid scope names close to a mistyped one, by spelling and shared words, best first. */
export function suggestScopes(scope: string, limit = DEFAULT_LIMIT): string[] {
  const wanted = scope.trim().toLowerCase();
  if (wanted === '' || limit <= 0) return [];
  candidates ??= knownScopeNames().map((name) => ({ name, tokens: tokensOf(name) }));
  const wantedTokens = tokensOf(wanted);
  const closeSpelling = Math.max(2, Math.ceil(wanted.length * 0.35));
  const ranked: { name: string; score: number; distance: number }[] = [];
  for (const { name, tokens } of candidates) {
    if (name === scope) continue;
    const overlap = wordOverlap(wantedTokens, tokens);
    const distance = editDistance(wanted, name, overlap >= WORD_MATCH ? Infinity : closeSpelling);
    if (distance > closeSpelling && overlap < WORD_MATCH) continue;
    const spelling = 1 - distance / Math.max(wanted.length, name.length);
    ranked.push({ name, score: 0.6 * spelling + 0.4 * overlap, distance });
  }
  ranked.sort((a, b) => b.score - a.score || a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return ranked.slice(0, limit).map((entry) => entry.name);
}

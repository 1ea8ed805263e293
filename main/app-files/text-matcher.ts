import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { AnvilError } from '../contract';
import { printable } from './app-file-path';

/** What a search looks for, as the Search view sends it. */
export interface SearchQuery {
  query: string;
  caseSensitive?: boolean;
  regex?: boolean;
  wholeWord?: boolean;
}

/** One match in a text: 1-based line and column (UTF-16 units, as the editor counts), length in the same units. */
export interface TextMatch {
  line: number;
  column: number;
  length: number;
}

/** Only this much of a line is searched: minified bundles hold megabyte lines that no one reads. */
export const MAX_SEARCHED_LINE_CHARS = 10_000;

/** One file may keep a regular expression busy this long before the search is stopped and the pattern named. */
export const REGEX_FILE_BUDGET_MS = 2_000;

/** One search may spend this long matching in all; then it answers what it found, marked truncated. */
export const SEARCH_BUDGET_MS = 10_000;

// The matcher runs inside a vm context with a timeout: V8 interrupts a regular expression that backtracks
// without end (`(a+)+$` on a long line of a), which no check of the pattern beforehand can rule out.
const MATCHER_SOURCE = `
var find = function (text, limit, maxLine) {
  var found = [];
  var cut = false;
  var lines = text.split('\\n');
  for (var index = 0; index < lines.length && found.length < limit; index++) {
    var line = lines[index];
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (line.length > maxLine) { line = line.slice(0, maxLine); cut = true; }
    pattern.lastIndex = 0;
    var match;
    while (found.length < limit && (match = pattern.exec(line)) !== null) {
      if (match[0].length === 0) { pattern.lastIndex += 1; continue; }
      found.push([index + 1, match.index + 1, match[0].length]);
    }
  }
  return { found: found, cut: cut };
};`;

/** Finds a query's matches line by line; built once per search. */
export class TextMatcher {
  private readonly context: vm.Context;
  private readonly run = new vm.Script('find(text, limit, maxLine)');

  constructor(
    readonly query: SearchQuery,
    private readonly budgetMs = SEARCH_BUDGET_MS,
  ) {
    const source = query.regex ? query.query : query.query.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const bounded = query.wholeWord ? `\\b(?:${source})\\b` : source;
    const flags = `g${query.caseSensitive ? '' : 'i'}`;
    try {
      new RegExp(bounded, flags);
    } catch (error) {
      throw new AnvilError('bad-request', `"${printable(query.query)}" is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}.`);
    }
    // A context with no globals but the matcher's own: nothing of the core is reachable from it.
    this.context = vm.createContext(Object.create(null) as object);
    this.context.patternSource = bounded;
    this.context.patternFlags = flags;
    vm.runInContext(`var pattern = new RegExp(patternSource, patternFlags);${MATCHER_SOURCE}`, this.context);
  }

  /** Time spent matching so far, in this search. */
  private spentMs = 0;

  /**
   * The matches in a text, at most `limit`; `cut` when a line was longer than the searched part;
   * `exhausted` (and no matches) once the search has used its whole time budget.
   */
  find(text: string, limit: number, file: string): { matches: TextMatch[]; cut: boolean; exhausted: boolean } {
    const remaining = this.budgetMs - this.spentMs;
    if (remaining <= 0) return { matches: [], cut: false, exhausted: true };
    const timeout = Math.max(1, Math.floor(Math.min(REGEX_FILE_BUDGET_MS, remaining)));
    this.context.text = text;
    this.context.limit = limit;
    this.context.maxLine = MAX_SEARCHED_LINE_CHARS;
    let answer: { found: [number, number, number][]; cut: boolean };
    const started = performance.now();
    try {
      answer = this.run.runInContext(this.context, { timeout }) as typeof answer;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' && timeout < REGEX_FILE_BUDGET_MS) {
        // The search's own budget ran out, not this file's: answer what was found.
        this.spentMs = this.budgetMs;
        return { matches: [], cut: false, exhausted: true };
      }
      if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        throw new AnvilError(
          'bad-request',
          `The search for "${printable(this.query.query)}" was stopped: it kept running on ${printable(file)} for more than ${REGEX_FILE_BUDGET_MS / 1000} s, as a regular expression with nested repetition like (a+)+ does. Simplify the pattern and search again.`,
        );
      }
      throw error;
    } finally {
      this.context.text = '';
      this.spentMs += performance.now() - started;
    }
    return { matches: Array.from(answer.found, ([line, column, length]) => ({ line, column, length })), cut: answer.cut, exhausted: false };
  }
}

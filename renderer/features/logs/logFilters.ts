import type { LogLevel, LogLine, LogQuery } from '../../../common/types';

export const LEVELS: readonly LogLevel[] = ['debug', 'info', 'log', 'warn', 'error'];

/** What the filter inputs hold, as typed; `toQuery` turns it into a LogQuery. */
export interface FilterValues {
  levels: LogLevel[];
  text: string;
  functionKey: string;
  moduleKey: string;
  installation: string;
  invocationId: string;
  since: string;
  until: string;
  /** '' for every line; `kept` or `dropped`: only the lines the platform would keep, or only those it would drop. */
  platform: '' | 'kept' | 'dropped';
}

export const NO_FILTERS: FilterValues = { levels: [...LEVELS], text: '', functionKey: '', moduleKey: '', installation: '', invocationId: '', since: '', until: '', platform: '' };

export interface FilterProblems {
  levels?: string;
  since?: string;
  until?: string;
}

const RELATIVE = /^(\d+)\s*([smhd])$/i;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const TIME_HINT = 'use 30s, 15m, 2h, 3d or a date such as 2026-05-01 14:00';

/** A time box's value: relative to now (`15m`) or a moment. */
export type TimeFilter = { kind: 'relative'; ms: number; text: string } | { kind: 'absolute'; at: number };

/** Read a Since/Until box: '' means no limit. */
export function parseTime(value: string): TimeFilter | null | { error: string } {
  const text = value.trim();
  if (text === '') return null;
  const relative = RELATIVE.exec(text);
  if (relative) return { kind: 'relative', ms: Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!, text: `${relative[1]}${relative[2]!.toLowerCase()}` };
  // A bare date means local midnight (Date.parse would read it as UTC).
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00` : text);
  return Number.isNaN(at) ? { error: TIME_HINT } : { kind: 'absolute', at };
}

/** The moment a time filter stands for, now. */
export function timeOf(filter: TimeFilter, now: number): number {
  return filter.kind === 'relative' ? now - filter.ms : filter.at;
}

/** A LogQuery's `since`/`until` as epoch ms (undefined when absent or unreadable). */
export function resolveQueryTime(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = parseTime(value);
  return parsed && !('error' in parsed) ? timeOf(parsed, now) : undefined;
}

function sentTime(filter: TimeFilter): string {
  return filter.kind === 'relative' ? filter.text : new Date(filter.at).toISOString();
}

/**
 * The query for the core, or null when a filter cannot be sent (then `problems` says why).
 * Empty fields are left out: the core's schema refuses empty strings.
 */
export function toQuery(environment: string, values: FilterValues): { query: LogQuery | null; problems: FilterProblems } {
  const problems: FilterProblems = {};
  const query: LogQuery = { environment };
  if (values.levels.length === 0) problems.levels = 'Tick at least one level.';
  else if (values.levels.length < LEVELS.length) query.levels = LEVELS.filter((level) => values.levels.includes(level));
  const text = values.text.trim();
  if (text) query.text = text;
  for (const key of ['functionKey', 'moduleKey', 'installation', 'invocationId'] as const) {
    const value = values[key].trim();
    if (value) query[key] = value;
  }
  for (const key of ['since', 'until'] as const) {
    const parsed = parseTime(values[key]);
    if (parsed && 'error' in parsed) problems[key] = `${key === 'since' ? 'Since' : 'Until'}: ${parsed.error}.`;
    else if (parsed) query[key] = sentTime(parsed);
  }
  if (values.platform) query.platform = values.platform;
  return { query: Object.keys(problems).length > 0 ? null : query, problems };
}

export function hasFilters(values: FilterValues): boolean {
  return (Object.keys(NO_FILTERS) as (keyof FilterValues)[]).some((key) => (key === 'levels' ? values.levels.length !== LEVELS.length : values[key].trim() !== ''));
}

/** The words (and "quoted phrases") of a search, lower-cased, without a trailing `*`. */
function searchTerms(text: string): string[] {
  return [...text.toLowerCase().matchAll(/"([^"]*)"\*?|(\S+)/g)].map(([, phrase, word]) => (phrase ?? word ?? '').replace(/\*+$/, '').trim()).filter((term) => /[\p{L}\p{N}]/u.test(term));
}

/**
 * The same filters, for lines that arrive live. Every search word must occur in the message, as
 * with the core's full-text search; here a word may also match inside a longer one, which only
 * matters until the next query.
 */
export function lineMatcher(values: FilterValues): (line: LogLine) => boolean {
  const levels = new Set(values.levels);
  const terms = searchTerms(values.text);
  const exact = (['functionKey', 'moduleKey', 'installation', 'invocationId'] as const).map((key) => [key, values[key].trim()] as const).filter(([, value]) => value !== '');
  const since = parseTime(values.since);
  const until = parseTime(values.until);
  return (line) => {
    if (!levels.has(line.level)) return false;
    if (terms.length > 0) {
      const message = line.message.toLowerCase();
      if (!terms.every((term) => message.includes(term))) return false;
    }
    if (exact.some(([key, value]) => line[key] !== value)) return false;
    const now = Date.now();
    if (since && !('error' in since) && line.ts < timeOf(since, now)) return false;
    if (until && !('error' in until) && line.ts > timeOf(until, now)) return false;
    if (values.platform === 'kept' && line.platformDrop) return false;
    if (values.platform === 'dropped' && !line.platformDrop) return false;
    return true;
  };
}

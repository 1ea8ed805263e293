import type { LogLevel } from '../../../common/types';
import { LEVELS } from './logFilters';

/** `14:05:09.123`, local time: what a developer compares with their own clock. */
export function clock(ts: number): string {
  const date = new Date(ts);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function duration(ms: number | null): string {
  if (ms === null) return 'still running';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** `2 error, 5 info`, most severe first; '' when there are none. */
export function levelCounts(counts: Partial<Record<LogLevel, number>>): string {
  return [...LEVELS]
    .reverse()
    .filter((level) => (counts[level] ?? 0) > 0)
    .map((level) => `${counts[level]} ${level}`)
    .join(', ');
}

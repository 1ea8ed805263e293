import { AnvilError } from '../contract';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const RELATIVE = /^(\d+)\s*([smhd])$/;
// Strict ISO 8601 only: Date.parse alone accepts strings such as "1" (the year 2001).
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * When `--since` (or the pane's "since" box) starts, in epoch ms: relative to `now` (`30s`, `15m`,
 * `2h`, `3d`, as `forge logs` takes them) or a date (`2025-11-28`, read as UTC midnight like
 * JavaScript does) or date and time (`2025-11-28T14:30:00Z`; without a zone, local time).
 */
export function parseSince(input: string, now: number = Date.now()): number {
  const text = String(input).trim();
  const relative = RELATIVE.exec(text);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]!]!;
  if (ISO_DATE.test(text)) {
    const at = Date.parse(text.replace(' ', 'T'));
    if (Number.isFinite(at)) return at;
  }
  throw new AnvilError('bad-request', `Cannot read the time "${input}". Use a relative time (30s, 15m, 2h, 3d) or a date (2025-11-28 or 2025-11-28T14:30:00Z).`);
}

import { describe, expect, it } from 'vitest';
import { AnvilError } from '../contract';
import { toFtsQuery } from './fts-query';
import { parseSince } from './since';

describe('search text to FTS5', () => {
  it('quotes every word so operators are only words', () => {
    expect(toFtsQuery('fetch issue')).toBe('"fetch" "issue"');
    expect(toFtsQuery('a AND b OR NOT c NEAR(d)')).toBe('"a" "AND" "b" "OR" "NOT" "c" "NEAR(d)"');
    expect(toFtsQuery('-x ^y col:z')).toBe('"-x" "^y" "col:z"');
  });

  it('keeps balanced quotes as a phrase and doubles stray quotes', () => {
    expect(toFtsQuery('"connection refused" retry')).toBe('"connection refused" "retry"');
    expect(toFtsQuery('say "hi')).toBe('"say" """hi"');
    expect(toFtsQuery('a"b')).toBe('"a""b"');
  });

  it('turns a trailing star into a prefix search', () => {
    expect(toFtsQuery('fetch*')).toBe('"fetch"*');
    expect(toFtsQuery('"issue upd"*')).toBe('"issue upd"*');
    expect(toFtsQuery('PROJ-*')).toBe('"PROJ-"');
  });

  it('drops terms without a word character and says when nothing is left', () => {
    expect(toFtsQuery('"')).toBeNull();
    expect(toFtsQuery('!!! ---')).toBeNull();
    expect(toFtsQuery('   ')).toBeNull();
    expect(toFtsQuery('!!! café')).toBe('"café"');
  });
});

describe('parseSince', () => {
  const now = Date.UTC(2025, 10, 28, 12, 0, 0);

  it('reads relative times as forge logs does', () => {
    expect(parseSince('30s', now)).toBe(now - 30_000);
    expect(parseSince('15m', now)).toBe(now - 15 * 60_000);
    expect(parseSince('2h', now)).toBe(now - 2 * 3_600_000);
    expect(parseSince('3d', now)).toBe(now - 3 * 86_400_000);
  });

  it('reads ISO dates and date-times', () => {
    expect(parseSince('2025-11-27', now)).toBe(Date.UTC(2025, 10, 27));
    expect(parseSince('2025-11-27T08:30:00Z', now)).toBe(Date.UTC(2025, 10, 27, 8, 30));
    expect(parseSince('2025-11-27T08:30:00+01:00', now)).toBe(Date.UTC(2025, 10, 27, 7, 30));
  });

  it('refuses anything else, naming the input and the accepted forms', () => {
    for (const input of ['yesterday', '15 minutes', '1', '-5m', '2025-13-45', '']) {
      expect(() => parseSince(input, now)).toThrow(AnvilError);
    }
    expect(() => parseSince('yesterday', now)).toThrow(/"yesterday".*30s, 15m, 2h, 3d.*2025-11-28/);
  });
});

import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../common/types';
import { hasFilters, lineMatcher, NO_FILTERS, parseTime, toQuery } from './logFilters';

const line: LogLine = {
  id: 1,
  ts: Date.now(),
  environment: 'staging',
  level: 'warn',
  message: 'GitHub answered 502',
  invocationId: 'inv-1',
  functionKey: 'check-releases',
  moduleKey: 'daily-release-check',
  installation: 'local-jira',
  fields: null,
};

describe('log filters', () => {
  it('sends only what is set, levels only when some are off', () => {
    expect(toQuery('staging', NO_FILTERS)).toEqual({ query: { environment: 'staging' }, problems: {} });
    const { query } = toQuery('staging', { ...NO_FILTERS, levels: ['error', 'warn'], text: ' 502 ', installation: 'local-jira', since: '15M' });
    expect(query).toEqual({ environment: 'staging', levels: ['warn', 'error'], text: '502', installation: 'local-jira', since: '15m' });
  });

  it('turns dates into ISO and refuses what it cannot read, saying how to write it', () => {
    const { query } = toQuery('staging', { ...NO_FILTERS, since: '2026-05-01 14:00' });
    expect(query?.since).toBe(new Date(2026, 4, 1, 14, 0).toISOString());
    expect(query && 'until' in query).toBe(false);
    const bad = toQuery('staging', { ...NO_FILTERS, until: 'yesterday-ish' });
    expect(bad.query).toBeNull();
    expect(bad.problems.until).toMatch(/15m/);
    expect(toQuery('staging', { ...NO_FILTERS, levels: [] }).problems.levels).toBeTruthy();
    expect(parseTime('2026-05-01')).toEqual({ kind: 'absolute', at: new Date(2026, 4, 1).getTime() });
  });

  it('matches live lines with the same filters', () => {
    expect(lineMatcher(NO_FILTERS)(line)).toBe(true);
    expect(lineMatcher({ ...NO_FILTERS, text: 'github' })(line)).toBe(true);
    expect(lineMatcher({ ...NO_FILTERS, text: 'gitlab' })(line)).toBe(false);
    expect(lineMatcher({ ...NO_FILTERS, text: '502 github' })(line)).toBe(true);
    expect(lineMatcher({ ...NO_FILTERS, text: '"answered 502" git*' })(line)).toBe(true);
    expect(lineMatcher({ ...NO_FILTERS, text: '"502 answered"' })(line)).toBe(false);
    expect(lineMatcher({ ...NO_FILTERS, levels: ['error'] })(line)).toBe(false);
    expect(lineMatcher({ ...NO_FILTERS, functionKey: 'check-releases', invocationId: 'inv-1' })(line)).toBe(true);
    expect(lineMatcher({ ...NO_FILTERS, installation: 'acme' })(line)).toBe(false);
    expect(lineMatcher({ ...NO_FILTERS, since: '1m' })(line)).toBe(true);
    expect(lineMatcher({ ...NO_FILTERS, until: '1h' })(line)).toBe(false);
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, moduleKey: 'x' })).toBe(true);
  });

  it('sends the platform choice and applies it to live lines', () => {
    expect(toQuery('staging', { ...NO_FILTERS, platform: 'dropped' }).query).toEqual({ environment: 'staging', platform: 'dropped' });
    const dropped: LogLine = { ...line, id: 2, platformDrop: 'lines' };
    expect(lineMatcher({ ...NO_FILTERS, platform: 'dropped' })(dropped)).toBe(true);
    expect(lineMatcher({ ...NO_FILTERS, platform: 'dropped' })(line)).toBe(false);
    expect(lineMatcher({ ...NO_FILTERS, platform: 'kept' })(dropped)).toBe(false);
    expect(lineMatcher({ ...NO_FILTERS, platform: 'kept' })(line)).toBe(true);
    expect(hasFilters({ ...NO_FILTERS, platform: 'kept' })).toBe(true);
  });
});

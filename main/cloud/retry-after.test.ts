import { describe, expect, it } from 'vitest';
import { describeWait, retryAfterMs } from './retry-after';

describe('Retry-After', () => {
  const now = Date.parse('2026-12-04T12:00:00.000Z');

  it('reads seconds and HTTP dates, and nothing else', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Fri, 04 Dec 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Fri, 04 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('-5', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });

  it('reads a wait in seconds, or minutes when long', () => {
    expect(describeWait(1)).toBe('1 s');
    expect(describeWait(90_000)).toBe('90 s');
    expect(describeWait(600_000)).toBe('10 min');
  });
});

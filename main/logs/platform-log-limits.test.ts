import { describe, expect, it } from 'vitest';
import { PLATFORM_LOG_BYTES, PlatformLogLimits, platformLogLines } from './platform-log-limits';

describe('what the platform keeps of one invocation\u2019s logs', () => {
  it('keeps 100 lines per runtime minute of the timeout, rounded up', () => {
    expect(platformLogLines(25)).toBe(100);
    expect(platformLogLines(55)).toBe(100);
    expect(platformLogLines(60)).toBe(100);
    expect(platformLogLines(90)).toBe(200);
    expect(platformLogLines(900)).toBe(1500);
  });

  it('marks the 50 lines past 100 of a 25 s function and says so once, naming the line limit', () => {
    const limits = new PlatformLogLimits(25);
    const marks = Array.from({ length: 150 }, (_, i) => limits.judge(`line ${i}`));
    expect(marks.slice(0, 100).every((mark) => mark === null)).toBe(true);
    expect(marks.slice(100).every((mark) => mark === 'lines')).toBe(true);
    const notice = limits.notice()!;
    expect(notice.message).toBe(
      `The platform would drop 50 of this invocation's 150 log lines: it keeps 100 log lines per invocation (100 per runtime minute of the function's 25 s timeout, rounded up). Anvil kept them and marks each one "platform drops".`,
    );
    expect(notice.fields).toMatchObject({ platformLogLimit: ['lines'], droppedLines: 50, lines: 150, maxLines: 100 });
  });

  it('a 90 s function keeps 200 lines', () => {
    const limits = new PlatformLogLimits(90);
    for (let i = 0; i < 200; i++) expect(limits.judge('x')).toBeNull();
    expect(limits.judge('x')).toBe('lines');
  });

  it('marks what comes after 200 KB of log data, whatever the line count', () => {
    const limits = new PlatformLogLimits(25);
    // 30 lines of 10 KB: 300 KB.
    const marks = Array.from({ length: 30 }, () => limits.judge('y'.repeat(10 * 1024)));
    const kept = marks.filter((mark) => mark === null).length;
    expect(kept).toBe(PLATFORM_LOG_BYTES / (10 * 1024));
    expect(marks.slice(kept).every((mark) => mark === 'size')).toBe(true);
    expect(limits.notice()!.message).toMatch(/^The platform would drop 10 of this invocation's 30 log lines: it keeps 200 KB of log data per invocation\./);
  });

  it('counts UTF-8 bytes, as the platform stores them', () => {
    const limits = new PlatformLogLimits(25);
    // 70,000 three-byte characters: 210,000 bytes, over 200 KB though under 204,800 characters.
    expect(limits.judge('\u20ac'.repeat(70_000))).toBe('size');
  });

  it('names both limits when both were hit, and says nothing when neither was', () => {
    const both = new PlatformLogLimits(25);
    both.judge('z'.repeat(PLATFORM_LOG_BYTES + 1));
    for (let i = 0; i < 120; i++) both.judge('a');
    expect(both.notice()!.fields.platformLogLimit).toEqual(['lines', 'size']);
    expect(both.notice()!.message).toContain("it keeps 100 log lines per invocation (100 per runtime minute of the function's 25 s timeout, rounded up) and 200 KB of log data per invocation");
    const quiet = new PlatformLogLimits(25);
    for (let i = 0; i < 100; i++) quiet.judge('fine');
    expect(quiet.notice()).toBeNull();
  });
});

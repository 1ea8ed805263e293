import { describe, expect, it } from 'vitest';
import { LogBudget, MAX_INVOCATION_LOG_BYTES, MAX_LOG_LINE_CHARS } from './log-budget';

describe('the log budget of one invocation', () => {
  it('cuts a huge line to the line limit and says how much of it went', () => {
    const budget = new LogBudget();
    const line = budget.admit('log', 'x'.repeat(5_000_000))!;
    expect(line.message.length).toBeLessThan(MAX_LOG_LINE_CHARS + 200);
    expect(line.message).toMatch(/… \[4,851 KB of this line cut: Anvil keeps 32 KB of one log line\]$/);
  });

  it('keeps lines until Anvil\u2019s 2 MB are used, then counts the rest and says so', () => {
    const budget = new LogBudget();
    let kept = 0;
    for (let i = 0; i < 100_000; i++) if (budget.admit('info', `line ${i} ${'y'.repeat(90)}`)) kept += 1;
    expect(kept).toBeGreaterThan(1000);
    expect(kept * 100).toBeLessThanOrEqual(MAX_INVOCATION_LOG_BYTES);
    expect(budget.summary()).toEqual({
      level: 'warn',
      message: expect.stringMatching(new RegExp(`^${100_000 - kept} lines / [\\d,]+ KB cut: Anvil keeps 2 MB of logs per invocation \\(the platform keeps 200 KB\\)$`)),
    });
  });

  it('says nothing when nothing was cut', () => {
    const budget = new LogBudget();
    expect(budget.admit('log', 'hello')).toEqual({ level: 'log', message: 'hello' });
    expect(budget.summary()).toBeNull();
  });

  it('redacts before it cuts, so a secret across the cut leaves nothing behind', () => {
    const secret = 'S3CRET-abcdefghijklmnop';
    const budget = new LogBudget((text) => text.replaceAll(secret, '[redacted: TOKEN]'));
    const line = budget.admit('log', `${'a'.repeat(MAX_LOG_LINE_CHARS - 5)}${secret}${'b'.repeat(100)}`)!;
    expect(line.message).not.toContain('S3CRET');
    expect(line.message.slice(MAX_LOG_LINE_CHARS - 5, MAX_LOG_LINE_CHARS)).toBe('[reda');
  });
});

import { describe, expect, it } from 'vitest';
import { runNotice } from './finishedWork';

describe('the notice for a run that ended out of sight', () => {
  it('says a run succeeded, with its time', () => {
    expect(runNotice({ status: 'ok', functionKey: 'getIssueRadar', durationMs: 42, error: null })).toEqual({ kind: 'success', message: 'getIssueRadar finished in 42 ms.' });
  });
  it('an error names the first line of what was thrown', () => {
    expect(runNotice({ status: 'error', functionKey: 'sync', durationMs: 3, error: 'TypeError: x is undefined\n    at run (src/index.js:4:2)' })).toEqual({
      kind: 'error',
      message: 'sync failed: TypeError: x is undefined',
    });
  });
  it('a timeout and a crash are failures too; a stop is only information', () => {
    expect(runNotice({ status: 'timeout', functionKey: 'sync', durationMs: 25000, error: null })).toMatchObject({ kind: 'error', message: 'sync timed out after 25000 ms.' });
    expect(runNotice({ status: 'crashed', functionKey: 'sync', durationMs: 5, error: null })).toMatchObject({ kind: 'error', message: 'sync failed (the runner crashed).' });
    expect(runNotice({ status: 'stopped', functionKey: 'sync', durationMs: 5, error: null })).toMatchObject({ kind: 'info' });
  });
});

import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../common/types';
import { isPlatformNotice, platformClass } from './platformDrop';

const base: LogLine = {
  id: 1,
  ts: 0,
  environment: 'development',
  level: 'log',
  message: 'step 101',
  invocationId: 'inv-1',
  functionKey: 'chatty',
  moduleKey: null,
  installation: 'local-jira',
  fields: null,
};

describe('lines the platform would drop, in the Logs pane', () => {
  it('dims a marked line and sets Anvil\u2019s notice apart; an app line that only says the same words is neither', () => {
    expect(platformClass({ ...base, platformDrop: 'lines' })).toBe(' platform-drop');
    const notice = {
      ...base,
      level: 'warn' as const,
      message: 'The platform would drop 50 of this invocation\u2019s 150 log lines',
      fields: { source: 'anvil', platformLogLimit: ['lines'], droppedLines: 50 },
    };
    expect(isPlatformNotice(notice)).toBe(true);
    expect(platformClass(notice)).toBe(' platform-notice');
    expect(isPlatformNotice({ ...notice, fields: null })).toBe(false);
    expect(platformClass(base)).toBe('');
  });
});

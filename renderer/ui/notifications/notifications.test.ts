import { beforeEach, describe, expect, it } from 'vitest';
import { clearNotices, currentNotices, dismissNotice, MAX_NOTICES, notify } from './notifications';

describe('notices', () => {
  beforeEach(() => clearNotices());

  it('keeps the newest few: a burst of finished work never covers the panes', () => {
    const total = MAX_NOTICES + 2;
    for (let index = 1; index <= total; index += 1) notify({ kind: 'success', message: `run ${index} finished` });
    const shown = currentNotices().map((notice) => notice.message);
    expect(shown).toHaveLength(MAX_NOTICES);
    expect(shown[0]).toBe('run 3 finished');
    expect(shown.at(-1)).toBe(`run ${total} finished`);
  });

  it('closes one, or all of them', () => {
    const first = notify({ kind: 'success', message: 'manifest.yml saved.' });
    notify({ kind: 'error', message: 'sync failed' });
    dismissNotice(first);
    expect(currentNotices().map((notice) => notice.message)).toEqual(['sync failed']);
    clearNotices();
    expect(currentNotices()).toEqual([]);
  });
});

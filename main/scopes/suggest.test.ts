import { describe, expect, it } from 'vitest';
import { editDistance, suggestScopes } from './suggest';

describe('did-you-mean suggestions', () => {
  it('corrects swapped letters first', () => {
    expect(suggestScopes('read:jira-wrok')[0]).toBe('read:jira-work');
    expect(suggestScopes('wirte:confluence-content')[0]).toBe('write:confluence-content');
  });

  it('finds a scope whose words were put in the wrong order', () => {
    expect(suggestScopes('jira:read:issue')[0]).toBe('read:issue:jira');
  });

  it('ignores letter case and stray spaces', () => {
    expect(suggestScopes(' READ:JIRA-WORK ')[0]).toBe('read:jira-work');
  });

  it('honours the limit and offers nothing for gibberish', () => {
    expect(suggestScopes('read:issues:jira', 2)).toHaveLength(2);
    expect(suggestScopes('xyz')).toEqual([]);
    expect(suggestScopes('')).toEqual([]);
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('wrok', 'work')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});

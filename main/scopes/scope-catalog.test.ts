import { describe, expect, it } from 'vitest';
import { allScopes, isKnownScope } from './scope-catalog';

describe('the scope catalog', () => {
  it('accepts exactly the scopes @forge/manifest accepts', () => {
    expect(isKnownScope('read:jira-work')).toBe(true);
    expect(isKnownScope('read:page:confluence')).toBe(true);
    expect(isKnownScope('read:jira-wrok')).toBe(false);
    expect(isKnownScope('READ:JIRA-WORK')).toBe(false);
  });

  it('lists every scope once, sorted, with consent titles where known', () => {
    const scopes = allScopes();
    const names = scopes.map((scope) => scope.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
    expect(scopes.find((scope) => scope.name === 'read:jira-work')?.title).toBe('View Jira issue data');
    expect(scopes.find((scope) => scope.name === 'read:confluence-content.summary')?.title).toBe('Read Confluence content summaries');
    expect(scopes.find((scope) => scope.name === 'read:confluence-user')?.title).toBeNull();
    expect(scopes.filter((scope) => scope.title !== null).length).toBeGreaterThan(300);
  });
});

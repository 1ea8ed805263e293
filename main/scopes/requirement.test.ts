import { describe, expect, it } from 'vitest';
import { findOperation } from './operation-match';
import { missingScopes, requirementOf } from './requirement';

const issueRead = requirementOf(findOperation('jira', 'GET', '/rest/api/3/issue/{}')!);

describe('missing scopes', () => {
  it('reports nothing when the classic set is declared', () => {
    expect(missingScopes(new Set(['read:jira-work']), issueRead)).toEqual([]);
  });

  it('reports nothing when the whole granular set is declared instead', () => {
    expect(missingScopes(new Set(issueRead.granular), issueRead)).toEqual([]);
  });

  it('asks for the classic scope when neither set is complete', () => {
    expect(missingScopes(new Set(['read:issue:jira']), issueRead)).toEqual(['read:jira-work']);
    expect(missingScopes(new Set(), issueRead)).toEqual(['read:jira-work']);
  });

  it('lists only the classic scopes still missing', () => {
    const requirement = { classic: ['read:jira-work', 'manage:jira-webhook'], granular: ['read:webhook:jira'] };
    expect(missingScopes(new Set(['read:jira-work']), requirement)).toEqual(['manage:jira-webhook']);
  });

  it('asks for granular scopes where there is no classic set', () => {
    const pageRead = requirementOf(findOperation('confluence', 'GET', '/wiki/api/v2/pages/{}')!);
    expect(missingScopes(new Set(['read:confluence-content.all']), pageRead)).toEqual(['read:page:confluence']);
    expect(missingScopes(new Set(['read:page:confluence']), pageRead)).toEqual([]);
  });

  it('reports nothing for an operation that needs no scope', () => {
    const serverInfo = requirementOf(findOperation('jira', 'GET', '/rest/api/3/serverInfo')!);
    expect(serverInfo).toEqual({ classic: [], granular: [] });
    expect(missingScopes(new Set(), serverInfo)).toEqual([]);
  });
});

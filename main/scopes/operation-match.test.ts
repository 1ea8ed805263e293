import { describe, expect, it } from 'vitest';
import { findOperation } from './operation-match';

describe('finding the operation an app calls', () => {
  it('resolves an issue read written with a template expression', () => {
    const operation = findOperation('jira', 'GET', '/rest/api/3/issue/{}');
    expect(operation?.path).toBe('/rest/api/3/issue/{issueIdOrKey}');
    expect(operation?.classic).toEqual(['read:jira-work']);
    expect(operation?.granular).toContain('read:issue:jira');
  });

  it('tells a comment create from a comment read by the method', () => {
    expect(findOperation('jira', 'POST', '/rest/api/3/issue/{}/comment')?.classic).toEqual(['write:jira-work']);
    expect(findOperation('jira', 'get', '/rest/api/3/issue/{}/comment')?.classic).toEqual(['read:jira-work']);
  });

  it('prefers a literal segment over a parameter: /issue/picker is the picker, not an issue', () => {
    expect(findOperation('jira', 'GET', '/rest/api/3/issue/picker')?.path).toBe('/rest/api/3/issue/picker');
    expect(findOperation('jira', 'GET', '/rest/api/3/issue/{}')?.path).toBe('/rest/api/3/issue/{issueIdOrKey}');
  });

  it('accepts literal values, query strings and a trailing slash', () => {
    expect(findOperation('jira', 'GET', '/rest/api/3/issue/ABC-1')?.path).toBe('/rest/api/3/issue/{issueIdOrKey}');
    expect(findOperation('jira', 'GET', '/rest/api/3/issue/{}/comment?expand={}')?.path).toBe('/rest/api/3/issue/{issueIdOrKey}/comment');
    expect(findOperation('jira', 'GET', '/rest/api/3/myself/')?.classic).toEqual(['read:jira-user']);
  });

  it('finds Jira Software and Confluence v1 operations under their full paths', () => {
    expect(findOperation('jira', 'GET', '/rest/agile/1.0/board/{}/sprint')?.granular).toEqual(['read:sprint:jira-software']);
    expect(findOperation('confluence', 'GET', '/wiki/rest/api/content/{}')?.classic).toEqual(['read:confluence-content.summary']);
  });

  it('gives a Confluence v2 call its granular requirement', () => {
    const operation = findOperation('confluence', 'GET', '/wiki/api/v2/pages/{}');
    expect(operation?.path).toBe('/wiki/api/v2/pages/{id}');
    expect(operation).toMatchObject({ classic: [], granular: ['read:page:confluence'] });
  });

  it('does not let {} stand for a fixed word of the path', () => {
    expect(findOperation('jira', 'GET', '/rest/api/3/{}/picker')).toBeNull();
  });

  it('finds nothing for unknown paths, methods or products', () => {
    expect(findOperation('jira', 'GET', '/rest/api/3/no-such-thing')).toBeNull();
    expect(findOperation('jira', 'PATCH', '/rest/api/3/issue/{}')).toBeNull();
    expect(findOperation('confluence', 'GET', '/rest/api/3/issue/{}')).toBeNull();
    expect(findOperation('bitbucket', 'GET', '/2.0/repositories')).toBeNull();
  });

  it('covers Jira REST v2 (and latest) with the v3 operation of the same template, its scopes and a v2 path', () => {
    const create = findOperation('jira', 'POST', '/rest/api/2/issue');
    expect(create).toMatchObject({ path: '/rest/api/2/issue', classic: ['write:jira-work'] });
    expect(create?.granular).toEqual(findOperation('jira', 'POST', '/rest/api/3/issue')?.granular);
    expect(findOperation('jira', 'GET', '/rest/api/2/issue/DEMO-1/comment?expand=renderedBody')?.path).toBe('/rest/api/2/issue/{issueIdOrKey}/comment');
    expect(findOperation('jira', 'GET', '/rest/api/latest/myself')).toMatchObject({ path: '/rest/api/latest/myself', classic: ['read:jira-user'] });
    expect(findOperation('jira', 'GET', '/rest/api/2/issue/picker')?.path).toBe('/rest/api/2/issue/picker');
    expect(findOperation('jira', 'GET', '/rest/api/2/no-such-thing')).toBeNull();
    expect(findOperation('jira', 'GET', '/rest/api/23/issue/DEMO-1')).toBeNull();
    expect(findOperation('confluence', 'GET', '/rest/api/2/issue/DEMO-1')).toBeNull();
  });

  it('hands out copies, so a caller cannot change the table', () => {
    findOperation('jira', 'GET', '/rest/api/3/issue/{}')!.classic.push('write:jira-work');
    expect(findOperation('jira', 'GET', '/rest/api/3/issue/{}')?.classic).toEqual(['read:jira-work']);
  });
});

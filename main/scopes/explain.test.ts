import { describe, expect, it } from 'vitest';
import { allOperations } from './endpoint-table';
import { explainScope } from './explain';
import { allScopes } from './scope-catalog';
import { hasWrittenDescription } from './scope-descriptions';
import { isGranularName } from './scope-shape';

describe('explaining a scope', () => {
  it('explains read:jira-work as a classic read scope with granular alternatives', () => {
    const explanation = explainScope('read:jira-work');
    expect(explanation).toMatchObject({ valid: true, title: 'View Jira issue data', kind: 'classic', product: 'jira', power: 'read', suggestions: [] });
    expect(explanation.alternatives).toContain('read:issue:jira');
    expect(explanation.alternatives.length).toBeLessThanOrEqual(12);
    expect(explanation.operations).toBeGreaterThan(100);
    expect(explanation.description).toMatch(/issues/);
  });

  it('names the granular scope an operation is most about first', () => {
    expect(explainScope('write:jira-work').alternatives[0]).toBe('write:issue:jira');
    expect(explainScope('read:issue:jira').alternatives).toContain('read:jira-work');
  });

  it('ranks powers: admin, delete, write, read', () => {
    expect(explainScope('manage:jira-configuration').power).toBe('admin');
    expect(explainScope('read:board-scope.admin:jira-software').power).toBe('admin');
    expect(explainScope('admin:repository:bitbucket').power).toBe('admin');
    expect(explainScope('delete:page:confluence').power).toBe('delete');
    expect(explainScope('write:confluence-content').power).toBe('write');
    expect(explainScope('send:notification:jira').power).toBe('write');
    expect(explainScope('read:page:confluence').power).toBe('read');
  });

  it('sorts scopes into classic, granular, platform and Connect, with their product', () => {
    expect(explainScope('read:confluence-content.all')).toMatchObject({ kind: 'classic', product: 'confluence' });
    expect(explainScope('read:servicedesk-request')).toMatchObject({ kind: 'classic', product: 'jira-service-management' });
    expect(explainScope('read:sprint:jira-software')).toMatchObject({ kind: 'granular', product: 'jira-software' });
    expect(explainScope('storage:app')).toMatchObject({ kind: 'platform', product: 'platform', alternatives: [] });
    expect(explainScope('act-as-user:connect-jira')).toMatchObject({ kind: 'connect', product: 'jira' });
  });

  it('builds a plain sentence for scopes without a written description', () => {
    expect(explainScope('delete:comment:confluence').description).toBe('Delete comments in Confluence.');
    expect(explainScope('read:graph:issue:jira').description).toBe('View issues from Jira through the Teamwork Graph.');
  });

  it('flags a mistyped scope and suggests the intended one', () => {
    const explanation = explainScope('read:jira-wrok');
    expect(explanation).toMatchObject({ valid: false, title: null, alternatives: [], operations: 0 });
    expect(explanation.suggestions[0]).toBe('read:jira-work');
    expect(explanation.description).toMatch(/Did you mean read:jira-work\?/);
  });

  it('explains every scope the platform accepts, each with a description', () => {
    const scopes = allScopes();
    expect(scopes.length).toBeGreaterThanOrEqual(652);
    for (const { name } of scopes) {
      const explanation = explainScope(name);
      expect(explanation.valid, name).toBe(true);
      expect(explanation.description.trim().length, name).toBeGreaterThan(10);
      expect(explanation.suggestions, name).toEqual([]);
    }
  });

  it('has its own words for classic and platform scopes and the most used granular scopes', () => {
    const twoPart = allScopes()
      .filter(({ name }) => !isGranularName(name))
      .map(({ name }) => name);
    expect(twoPart.filter((scope) => !hasWrittenDescription(scope))).toEqual([]);
    const uses = new Map<string, number>();
    for (const operation of allOperations()) {
      for (const scope of new Set([...operation.classic, ...operation.granular])) if (isGranularName(scope)) uses.set(scope, (uses.get(scope) ?? 0) + 1);
    }
    const ranked = [...uses].sort(([, a], [, b]) => b - a);
    const cutoff = ranked[59]![1];
    const mostUsed = ranked.filter(([, count]) => count >= cutoff).map(([scope]) => scope);
    expect(mostUsed.length).toBeGreaterThanOrEqual(60);
    expect(mostUsed.filter((scope) => !hasWrittenDescription(scope))).toEqual([]);
  });

  it('hands out copies, so a caller cannot change what the next one sees', () => {
    explainScope('read:jira-work').alternatives.length = 0;
    expect(explainScope('read:jira-work').alternatives).toContain('read:issue:jira');
  });
});

import { describe, expect, it } from 'vitest';
import type { AnalysisReport, Diagnostic, EgressRow, ScopeRow } from '../../../common/types';
import { byAttention, egressRowAction, scopeRowAction } from './rowActions';

const removal = { range: { line: 7, column: 1, endLine: 8, endColumn: 1 }, text: '' };
const addition = { range: { line: 6, column: 20, endLine: 6, endColumn: 20 }, text: '\n    - read:jira-work' };

function finding(severity: Diagnostic['severity'], code: string, message: string, withFix: boolean): Diagnostic {
  return {
    severity,
    code,
    message,
    file: 'manifest.yml',
    line: 7,
    column: 7,
    endLine: 7,
    endColumn: 20,
    fixes: withFix ? [{ title: 'fix', edits: [code.endsWith('missing') ? addition : removal] }] : [],
  };
}
function scopeRow(scope: string, status: ScopeRow['status']): ScopeRow {
  return { explanation: { scope } as ScopeRow['explanation'], declared: status !== 'missing', status, usedAt: [] };
}
function reportWith(diagnostics: Diagnostic[]): AnalysisReport {
  return { diagnostics } as AnalysisReport;
}

describe('Scopes pane rows', () => {
  it('lists missing, then unused, then used, keeping the order inside each', () => {
    const rows = [scopeRow('a:used', 'used'), scopeRow('b:unused', 'unused'), scopeRow('c:missing', 'missing'), scopeRow('d:used', 'used'), scopeRow('e:missing', 'missing')];
    expect(byAttention(rows).map((row) => row.explanation.scope)).toEqual(['c:missing', 'e:missing', 'b:unused', 'a:used', 'd:used']);
  });

  it('a missing scope is added with the quick fix of its own problem', () => {
    const report = reportWith([
      finding('error', 'scope-missing', '"write:jira-work" is needed by src/index.js:9', true),
      finding('error', 'scope-missing', '"read:jira-work" is needed by src/index.js:4 (GET /rest/api/3/issue)', true),
    ]);
    const action = scopeRowAction(scopeRow('read:jira-work', 'missing'), report);
    expect(action).toMatchObject({ kind: 'add', label: 'Add read:jira-work to the manifest' });
    expect(action && 'edits' in action ? action.edits : []).toEqual([addition]);
  });

  it('an unused scope is removed; one that a call Anvil cannot read may need gets no removal', () => {
    const sure = reportWith([finding('warning', 'scope-unused', '"storage:app" is not needed by any code found.', true)]);
    expect(scopeRowAction(scopeRow('storage:app', 'unused'), sure)).toMatchObject({ kind: 'remove', edits: [removal] });
    // Even if a fix came with a "maybe", the row offers none.
    const maybe = reportWith([finding('info', 'scope-unused', '"storage:app" is not needed by any call Anvil could read; src/a.js:3 makes a call it cannot read, which may need it.', true)]);
    expect(scopeRowAction(scopeRow('storage:app', 'unused'), maybe)).toMatchObject({ kind: 'uncertain' });
  });

  it('a used scope, or one without a fix, offers nothing', () => {
    expect(scopeRowAction(scopeRow('storage:app', 'used'), reportWith([]))).toBeNull();
    expect(scopeRowAction(scopeRow('storage:app', 'unused'), reportWith([finding('warning', 'scope-unused', '"storage:app" is not needed', false)]))).toBeNull();
  });

  it('egress domains get the same actions, and a "may be unused" one is never removed with one click', () => {
    const row = (domain: string, status: EgressRow['status']): EgressRow => ({ domain, declared: status !== 'missing', status, usedAt: [] });
    const report = reportWith([
      finding('error', 'egress-missing', 'src/index.js:4 fetches from api.example.com, which permissions.external.fetch.backend does not allow.', true),
      finding('warning', 'egress-unused', 'Nothing in the code fetches from old.example.com. Remove it: admins see every egress domain.', true),
      finding('info', 'egress-unused', 'No fetch Anvil could read goes to api.github.com; src/a.js:2 fetches a URL it cannot read, which may.', true),
    ]);
    expect(egressRowAction(row('api.example.com', 'missing'), report)).toMatchObject({ kind: 'add', label: 'Allow api.example.com in the manifest' });
    expect(egressRowAction(row('old.example.com', 'unused'), report)).toMatchObject({ kind: 'remove' });
    expect(egressRowAction(row('api.github.com', 'unused'), report)).toMatchObject({ kind: 'uncertain' });
    // A domain that only contains another's name is not mistaken for it.
    expect(egressRowAction(row('example.com', 'unused'), report)).toBeNull();
  });
});

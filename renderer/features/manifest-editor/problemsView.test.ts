import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../../../common/types';
import { filterProblems, groupProblems, sortProblems } from './problemsView';

function problem(severity: Severity, code: string, file: string, line: number, message = `${code} here`): Diagnostic {
  return { severity, code, message, file, line, column: 1, endLine: line, endColumn: 2, fixes: [] };
}

const report = [
  problem('warning', 'scope-unused', 'manifest.yml', 7, '"storage:app" is not needed by any code found'),
  problem('error', 'resolver-undefined', 'src/frontend.js', 3),
  problem('info', 'egress-unused', 'manifest.yml', 12, 'No fetch Anvil could read goes to api.github.com'),
  problem('error', 'scope-missing', 'manifest.yml', 5, '"read:jira-work" is needed by src/index.js:4'),
];
const all = new Set<Severity>(['error', 'warning', 'info']);

describe('the Problems list', () => {
  it('hides the severities that are switched off', () => {
    const shown = filterProblems(report, { severities: new Set<Severity>(['error']), text: '' });
    expect(shown.map((diagnostic) => diagnostic.code)).toEqual(['resolver-undefined', 'scope-missing']);
  });

  it('keeps problems whose message, code or place hold every word typed, and drops those with a !word', () => {
    expect(filterProblems(report, { severities: all, text: 'SCOPE jira' }).map((diagnostic) => diagnostic.line)).toEqual([5]);
    expect(filterProblems(report, { severities: all, text: 'src/frontend.js:3' }).map((diagnostic) => diagnostic.code)).toEqual(['resolver-undefined']);
    expect(filterProblems(report, { severities: all, text: 'unused !egress' }).map((diagnostic) => diagnostic.code)).toEqual(['scope-unused']);
  });

  it('sorts by severity, by place, or by kind', () => {
    expect(sortProblems(report, 'severity').map((diagnostic) => diagnostic.severity)).toEqual(['error', 'error', 'warning', 'info']);
    expect(sortProblems(report, 'position').map((diagnostic) => `${diagnostic.file}:${diagnostic.line}`)).toEqual(['manifest.yml:5', 'manifest.yml:7', 'manifest.yml:12', 'src/frontend.js:3']);
    expect(sortProblems(report, 'code').map((diagnostic) => diagnostic.code)).toEqual(['egress-unused', 'resolver-undefined', 'scope-missing', 'scope-unused']);
  });

  it('groups by file, the manifest first, each group in the chosen order', () => {
    const groups = groupProblems(report, 'position');
    expect(groups.map((group) => group.file)).toEqual(['manifest.yml', 'src/frontend.js']);
    expect(groups[0]!.diagnostics.map((diagnostic) => diagnostic.line)).toEqual([5, 7, 12]);
  });

  it('by severity, a file with errors comes before one with only warnings', () => {
    const groups = groupProblems([problem('warning', 'a', 'manifest.yml', 1), problem('error', 'b', 'src/index.js', 1)], 'severity');
    expect(groups.map((group) => group.file)).toEqual(['src/index.js', 'manifest.yml']);
  });
});

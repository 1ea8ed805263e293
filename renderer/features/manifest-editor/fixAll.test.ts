import { describe, expect, it } from 'vitest';
import type { Diagnostic, TextEdit } from '../../../common/types';
import { describeFixAll, planFixAll } from './fixAll';

/** Applies edits as an editor does: all against the original text, later ones first. */
function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((sum, current) => sum + current.length + 1, 0) + column - 1;
  return [...edits]
    .sort((a, b) => offset(b.range.line, b.range.column) - offset(a.range.line, a.range.column))
    .reduce((result, edit) => result.slice(0, offset(edit.range.line, edit.range.column)) + edit.text + result.slice(offset(edit.range.endLine, edit.range.endColumn)), text);
}

function edit(line: number, column: number, endLine: number, endColumn: number, text: string): TextEdit {
  return { range: { line, column, endLine, endColumn }, text };
}

function diagnostic(code: string, line: number, edits: TextEdit[][], severity: Diagnostic['severity'] = 'warning'): Diagnostic {
  return {
    severity,
    code,
    message: `${code} at ${line}`,
    file: 'manifest.yml',
    line,
    column: 5,
    endLine: line,
    endColumn: 9,
    fixes: edits.map((list, index) => ({ title: `fix ${index}`, edits: list })),
  };
}

const manifest = ['permissions:', '  scopes:', '    - read:jira-work', '    - storage:app', '    - write:jira-work', 'app:', '  id: x'].join('\n');

describe('Fix all of one kind', () => {
  it('removes every unused scope in one set of edits', () => {
    const plan = planFixAll(
      [diagnostic('scope-unused', 3, [[edit(3, 1, 4, 1, '')]]), diagnostic('scope-unused', 5, [[edit(5, 1, 6, 1, '')]]), diagnostic('scope-missing', 2, [[edit(5, 21, 5, 21, '\n    - x')]])],
      'scope-unused',
    );
    expect(plan.fixed.map((fixed) => fixed.line)).toEqual([3, 5]);
    expect(plan.skipped).toEqual([]);
    expect(apply(manifest, plan.edits)).toBe(['permissions:', '  scopes:', '    - storage:app', 'app:', '  id: x'].join('\n'));
  });

  it('adds several missing scopes at the end of the list, in order, as one edit', () => {
    const plan = planFixAll(
      [diagnostic('scope-missing', 2, [[edit(5, 22, 5, 22, '\n    - read:me')]], 'error'), diagnostic('scope-missing', 2, [[edit(5, 22, 5, 22, '\n    - write:confluence-content')]], 'error')],
      'scope-missing',
    );
    expect(plan.fixed).toHaveLength(2);
    expect(plan.edits).toHaveLength(1);
    expect(apply(manifest, plan.edits)).toContain('    - write:jira-work\n    - read:me\n    - write:confluence-content\napp:');
  });

  it('skips a fix that overlaps one already taken and says which line and why', () => {
    const plan = planFixAll([diagnostic('egress-unused', 3, [[edit(3, 1, 5, 1, '')]]), diagnostic('egress-unused', 4, [[edit(4, 1, 5, 1, '')]])], 'egress-unused');
    expect(plan.fixed.map((fixed) => fixed.line)).toEqual([3]);
    expect(plan.skipped.map((skipped) => skipped.diagnostic.line)).toEqual([4]);
    expect(describeFixAll(plan)).toMatch(/Fixed 1 egress-unused problem in one edit.*Skipped 1: line 4: its edit overlaps the fix for line 3/);
  });

  it('does not write the same new key twice when two fixes would each create it', () => {
    const create = (scope: string) => edit(7, 8, 7, 8, `\npermissions:\n  scopes:\n    - ${scope}`);
    const plan = planFixAll([diagnostic('scope-missing', 1, [[create('a:b')]], 'error'), diagnostic('scope-missing', 1, [[create('c:d')]], 'error')], 'scope-missing');
    expect(plan.fixed).toHaveLength(1);
    expect(plan.skipped[0]!.reason).toMatch(/overlaps/);
  });

  it('an insertion inside a removed range is a conflict; one at its edge is not', () => {
    const inside = planFixAll([diagnostic('k', 3, [[edit(3, 1, 5, 1, '')]]), diagnostic('k', 4, [[edit(4, 3, 4, 3, 'x')]])], 'k');
    expect(inside.skipped).toHaveLength(1);
    const edge = planFixAll([diagnostic('k', 3, [[edit(3, 1, 5, 1, '')]]), diagnostic('k', 5, [[edit(5, 1, 5, 1, '# ')]])], 'k');
    expect(edge.skipped).toHaveLength(0);
  });

  it('counts two identical fixes once, as the same edit', () => {
    const convert = [edit(3, 7, 3, 20, 'address: read:jira-work')];
    const plan = planFixAll([diagnostic('egress-string', 3, [convert]), diagnostic('egress-string', 4, [convert])], 'egress-string');
    expect(plan.fixed).toHaveLength(2);
    expect(plan.edits).toHaveLength(1);
  });

  it('never removes a "may be unused" entry, even if a fix came with it', () => {
    const plan = planFixAll([diagnostic('egress-unused', 3, [[edit(3, 1, 4, 1, '')]], 'info'), diagnostic('egress-unused', 5, [[edit(5, 1, 6, 1, '')]])], 'egress-unused');
    expect(plan.fixed.map((fixed) => fixed.line)).toEqual([5]);
    expect(plan.skipped[0]!.reason).toMatch(/may still need it/);
  });

  it('leaves a problem with several alternative fixes to the developer', () => {
    const plan = planFixAll([diagnostic('scope-unknown', 3, [[edit(3, 7, 3, 10, 'a')], [edit(3, 7, 3, 10, 'b')]]), diagnostic('scope-unknown', 4, [[edit(4, 7, 4, 10, 'c')]])], 'scope-unknown');
    expect(plan.fixed.map((fixed) => fixed.line)).toEqual([4]);
    expect(plan.skipped[0]!.reason).toMatch(/2 different fixes/);
  });
});

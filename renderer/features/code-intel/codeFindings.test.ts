import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppAnalysis } from '../../../main/analysis';
import { applyEdits, SchemaValidator } from '../../../main/manifest';
import { sampleAppCopy } from '../../../main/testing';
import type { AnalysisReport, Diagnostic } from '../../../common/types';
import { callRange, codeFindings, findingsIn } from './codeFindings';

const schema = new SchemaValidator();
afterAll(() => schema.close());

async function analyseSample(change: (text: string) => string, source?: (text: string) => string) {
  const folder = sampleAppCopy();
  const sourcePath = path.join(folder, 'src', 'index.js');
  const code = await readFile(sourcePath, 'utf8');
  if (source) await writeFile(sourcePath, source(code));
  const analysis = new AppAnalysis(folder, schema);
  const text = change(await readFile(path.join(folder, 'manifest.yml'), 'utf8'));
  return { report: await analysis.analyze(text), text, code: source ? source(code) : code };
}

function rangeIn(code: string, line: number, column: number) {
  const lines = code.split('\n');
  const range = callRange((n) => lines[n - 1] ?? '', lines.length, line, column);
  const first = lines[range.line - 1]!;
  return range.line === range.endLine ? first.slice(range.column - 1, range.endColumn - 1) : null;
}

describe('findings in the code', () => {
  it('a call that needs a scope the manifest lacks is marked at the call, naming the scope and the operation; its fix adds the scope to the manifest', async () => {
    const { report, text, code } = await analyseSample((manifest) => manifest.replace('    - read:jira-work\n', ''));
    const findings = findingsIn(codeFindings(report), 'src/index.js');
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.message).toContain('"read:jira-work"');
    expect(finding!.message).toContain('GET /rest/api/3/issue/{issueIdOrKey}');
    expect(finding!.severity).toBe('error');
    const marked = rangeIn(code, finding!.line, finding!.column);
    expect(marked).toBe('requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary,status,labels`)');
    expect(finding!.fixes).toHaveLength(1);
    expect(applyEdits(text, finding!.fixes[0]!.edits)).toContain('    - storage:app\n    - read:jira-work\n');
  }, 30_000);

  it('a fetch to a domain the manifest does not allow is marked at the fetch, with the fix that allows it', async () => {
    const { report, text } = await analyseSample((manifest) => manifest.replace('address: api.github.com', 'address: api.gitlab.com'));
    const findings = codeFindings(report).filter((finding) => finding.code === 'egress-missing');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('api.github.com');
    expect(applyEdits(text, findings[0]!.fixes[0]!.edits)).toContain('address: api.github.com');
  }, 30_000);

  it('nothing is marked in the code when the manifest covers every call', async () => {
    const { report } = await analyseSample((manifest) => manifest);
    expect(codeFindings(report).filter((finding) => finding.severity !== 'info')).toEqual([]);
  }, 30_000);

  it('a call added to the code that needs a new scope is found there', async () => {
    const added = "\nexport async function deleteIssue(key) {\n  await api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: 'DELETE' });\n}\n";
    const { report, code } = await analyseSample(
      (manifest) => manifest,
      (source) => source + added,
    );
    const findings = codeFindings(report).filter((finding) => finding.code === 'scope-missing');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.line === code.split('\n').findIndex((line) => line.includes("method: 'DELETE'")) + 1)).toBe(true);
    expect(findings.every((finding) => finding.fixes.length > 0)).toBe(true);
  }, 30_000);
});

describe('code findings from a report', () => {
  const diagnostic = (file: string, code: string, message: string): Diagnostic => ({ severity: 'warning', code, message, file, line: 3, column: 5, endLine: 3, endColumn: 9, fixes: [] });
  const report = (parts: Partial<AnalysisReport>): AnalysisReport =>
    ({ diagnostics: [], scopes: { declared: [], required: [], missing: [], unused: [], rows: [] }, egress: { declared: [], used: [], missing: [], unused: [], rows: [] }, ...parts }) as AnalysisReport;

  it('rows the manifest covers, and places in the manifest itself, are not marked in the code', () => {
    const place = { file: 'src/a.js', line: 2, column: 3, reason: 'GET /x' };
    const findings = codeFindings(
      report({
        scopes: {
          declared: [],
          required: [],
          missing: [],
          unused: [],
          rows: [
            { explanation: { scope: 'read:a' } as never, declared: true, status: 'used', usedAt: [place] },
            { explanation: { scope: 'read:b' } as never, declared: false, status: 'missing', usedAt: [{ ...place, file: 'manifest.yml' }] },
          ],
        },
      }),
    );
    expect(findings).toEqual([]);
  });

  it("a source file's own diagnostics are marked in it; the manifest's are not", () => {
    const findings = codeFindings(report({ diagnostics: [diagnostic('src/a.js', 'resolver-unused', 'never invoked'), diagnostic('manifest.yml', 'scope-unused', 'not needed')] }));
    expect(findings.map((finding) => [finding.file, finding.code])).toEqual([['src/a.js', 'resolver-unused']]);
  });
});

describe('the range of a call', () => {
  const range = (code: string, line: number, column: number) => {
    const lines = code.split('\n');
    return callRange((n) => lines[n - 1] ?? '', lines.length, line, column);
  };

  it('spans the arguments over lines, past strings and template expressions that hold brackets', () => {
    const code = "x.requestJira(route`/a/${f(')')}`, {\n  method: 'POST', body: \"(\" // )\n});";
    expect(range(code, 1, 3)).toEqual({ line: 1, column: 3, endLine: 3, endColumn: 3 });
  });

  it('is the name alone when no argument list follows or it never closes', () => {
    expect(range('const get = kvs.get;', 1, 17)).toEqual({ line: 1, column: 17, endLine: 1, endColumn: 20 });
    expect(range('fetch(url, {', 1, 1)).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 6 });
  });
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../manifest';
import { applyEdits } from '../manifest';
import { sampleAppCopy } from '../testing';
import { AppAnalysis } from './app-analysis';

const schema = new SchemaValidator();
afterAll(() => schema.close());

async function analyseSample(change: (text: string) => string = (text) => text) {
  const folder = sampleAppCopy();
  const analysis = new AppAnalysis(folder, schema);
  const text = change(await readFile(path.join(folder, 'manifest.yml'), 'utf8'));
  return { report: await analysis.analyze(text), text, analysis };
}

describe('analysing the sample app', () => {
  it('finds nothing wrong with the sample as shipped', async () => {
    const { report } = await analyseSample();
    expect(report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(report.scopes.required).toEqual(['read:jira-work', 'storage:app']);
    expect(report.egress.used).toEqual(['api.github.com']);
    expect(report.resolvers.invokedButUndefined).toEqual([]);
  }, 30_000);

  it('reports a removed scope as missing, at the code that needs it, and its fix restores the scope', async () => {
    const { report, text } = await analyseSample((manifest) => manifest.replace('    - read:jira-work\n', ''));
    const missing = report.diagnostics.find((d) => d.code === 'scope-missing');
    expect(missing?.message).toContain('"read:jira-work" is needed by src/index.js:');
    expect(missing?.message).toContain('GET /rest/api/3/issue/{issueIdOrKey}');
    expect(report.scopes.missing).toEqual(['read:jira-work']);
    const fixed = applyEdits(text, missing!.fixes[0]!.edits);
    expect(fixed).toContain('    - storage:app\n    - read:jira-work\n');
  }, 30_000);

  it('reports an unused scope and an undeclared egress domain', async () => {
    const { report } = await analyseSample((manifest) =>
      manifest.replace('    - storage:app\n', '    - storage:app\n    - write:confluence-content\n').replace('address: api.github.com', 'address: api.gitlab.com'),
    );
    expect(report.scopes.unused).toEqual(['write:confluence-content']);
    expect(report.egress.missing).toEqual(['api.github.com']);
    expect(report.egress.unused).toEqual(['api.gitlab.com']);
    expect(report.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['scope-unused', 'egress-missing', 'egress-unused']));
  }, 30_000);
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../common/types';
import { SchemaValidator } from '../manifest';
import { sampleAppCopy } from '../testing';
import { AppAnalysis } from './app-analysis';

// A finding is drawn where it belongs: a squiggle over every scope line puts a missing-scope error in
// the hover of every other scope, ahead of that scope's own explanation.
const schema = new SchemaValidator();
afterAll(() => schema.close());

async function analyse(change: (text: string) => string) {
  const folder = sampleAppCopy();
  const text = change(await readFile(path.join(folder, 'manifest.yml'), 'utf8'));
  return { report: await new AppAnalysis(folder, schema).analyze(text), lines: text.split('\n') };
}

const lineOf = (lines: string[], text: string) => lines.findIndex((line) => line === text) + 1;
const covers = (diagnostic: Diagnostic, line: number) => diagnostic.line <= line && diagnostic.endLine >= line;

describe('where scope and egress findings are drawn', () => {
  it('puts a missing scope on the scopes: key line only, not over the scopes already declared', async () => {
    const { report, lines } = await analyse((text) => text.replace('    - read:jira-work\n', ''));
    const missing = report.diagnostics.find((d) => d.code === 'scope-missing')!;
    expect(missing).toBeDefined();
    const keyLine = lineOf(lines, '  scopes:');
    expect(missing.line).toBe(keyLine);
    expect(missing.endLine).toBe(keyLine);
    expect(covers(missing, lineOf(lines, '    - storage:app'))).toBe(false);
  }, 30_000);

  it('puts a missing scope at the permissions: key when the app declares no scopes: list yet', async () => {
    const { report, lines } = await analyse((text) => text.replace('  scopes:\n    - read:jira-work\n    - storage:app\n', ''));
    const missing = report.diagnostics.filter((d) => d.code === 'scope-missing');
    expect(missing.length).toBeGreaterThan(0);
    for (const diagnostic of missing) expect([diagnostic.line, diagnostic.endLine]).toEqual([lineOf(lines, 'permissions:'), lineOf(lines, 'permissions:')]);
  }, 30_000);

  it('puts an unused scope on its own list item and nowhere else', async () => {
    const { report, lines } = await analyse((text) => text.replace('    - storage:app\n', '    - storage:app\n    - write:confluence-content\n'));
    const unused = report.diagnostics.find((d) => d.code === 'scope-unused')!;
    const itemLine = lineOf(lines, '    - write:confluence-content');
    expect([unused.line, unused.endLine]).toEqual([itemLine, itemLine]);
  }, 30_000);

  it('puts a missing egress domain on the fetch list key (backend:), not over permissions.external', async () => {
    const { report, lines } = await analyse((text) => text.replace('address: api.github.com', 'address: api.gitlab.com'));
    const missing = report.diagnostics.find((d) => d.code === 'egress-missing')!;
    const keyLine = lineOf(lines, '      backend:');
    expect([missing.line, missing.endLine]).toEqual([keyLine, keyLine]);
    expect(covers(missing, lineOf(lines, '        - address: api.gitlab.com'))).toBe(false);
  }, 30_000);

  it('puts a missing egress domain at external: when the app declares no fetch list yet', async () => {
    const { report, lines } = await analyse((text) => text.replace('    fetch:\n      backend:\n        - address: api.github.com\n', '    images:\n      - address: example.com\n'));
    const missing = report.diagnostics.find((d) => d.code === 'egress-missing')!;
    const keyLine = lineOf(lines, '  external:');
    expect([missing.line, missing.endLine]).toEqual([keyLine, keyLine]);
  }, 30_000);
});

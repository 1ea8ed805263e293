import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../manifest';
import { oneFunctionManifest, scratchFolder, smallApp } from '../testing';
import { AppAnalysis } from './app-analysis';
import { UNSAVED_SOURCES_MAX_FILES, usableUnsavedSources } from './unsaved-sources';

const schema = new SchemaValidator();
afterAll(() => schema.close());

const ON_DISK = 'export async function other() { return 1; }\n';
const IN_EDITOR = "import api, { route } from '@forge/api';\nexport async function main() {\n  return api.asApp().requestJira(route`/rest/api/3/issue/${1}`);\n}\n";

describe("the editor's unsaved app files in the manifest analysis", () => {
  it('count instead of the disk copy for that analysis only: the handler is found and the scope it needs is missing', async () => {
    const folder = smallApp(oneFunctionManifest(), ON_DISK);
    const cacheFolder = scratchFolder();
    const analysis = new AppAnalysis(folder, schema, { cacheFolder });
    const manifest = oneFunctionManifest();

    const before = await analysis.analyzeEdit(manifest);
    expect(before.diagnostics.map((d) => d.code)).toContain('handler-export-missing');

    const withBuffer = await analysis.analyzeEdit(manifest, [{ file: 'src/index.js', text: IN_EDITOR }]);
    expect(withBuffer.diagnostics.map((d) => d.code)).not.toContain('handler-export-missing');
    expect(withBuffer.scopes.missing).toEqual(['read:jira-work']);

    // Nothing was written, and the next analysis without the buffer (the edit was discarded) sees the disk again.
    expect(readFileSync(path.join(folder, 'src/index.js'), 'utf8')).toBe(ON_DISK);
    const after = await analysis.analyzeEdit(manifest);
    expect(after.diagnostics.map((d) => d.code)).toContain('handler-export-missing');
    expect(after.scopes.missing).toEqual([]);

    // Nor was it kept as what the disk holds: a fresh analysis reading the same scan cache sees the disk.
    const reopened = await new AppAnalysis(folder, schema, { cacheFolder }).analyze(manifest);
    expect(reopened.diagnostics.map((d) => d.code)).toContain('handler-export-missing');
    expect(reopened.scopes.missing).toEqual([]);
  }, 30_000);

  it('only source files count, at most 50 of them and none over 2 MB', () => {
    const many = Array.from({ length: UNSAVED_SOURCES_MAX_FILES + 5 }, (_, index) => ({ file: `src/f${String(index).padStart(3, '0')}.js`, text: 'x' }));
    const usable = usableUnsavedSources([...many, { file: 'README.md', text: 'x' }, { file: 'node_modules/a/index.js', text: 'x' }]);
    expect(usable.size).toBe(UNSAVED_SOURCES_MAX_FILES);
    expect(usable.has('README.md')).toBe(false);
    expect(usable.has('node_modules/a/index.js')).toBe(false);
    expect(usableUnsavedSources([{ file: 'src/big.js', text: 'x'.repeat(2 * 1024 * 1024 + 1) }]).size).toBe(0);
  });
});

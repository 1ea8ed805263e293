import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppFileDocument, AppFolderListing, AppSearchResult, AnalysisReport, CodeLocation } from '../common/types';
import { dispatchCall } from './contract';
import { openFileSettings } from './settings';
import { oneFunctionManifest, scratchFolder, smallApp } from './testing';
import { Workbench } from './workbench';

const benches: Workbench[] = [];
afterEach(() => benches.splice(0).forEach((bench) => bench.close()));

const SOURCE = 'export async function main() { return { answer: 42 }; }\n';

function workbench() {
  const dataDir = scratchFolder();
  const bench = new Workbench({ shell: 'web', version: 'test', settings: openFileSettings(dataDir), dataDir });
  benches.push(bench);
  const outcome = async (method: string, request?: unknown) => (await dispatchCall(bench, method, request)) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  const call = async <T>(method: string, request?: unknown): Promise<T> => {
    const answer = await outcome(method, request);
    if (!answer.ok) throw Object.assign(new Error(answer.error?.message), { code: answer.error?.code });
    return answer.value as T;
  };
  return { bench, call, outcome };
}

describe('editing the app files through the contract', () => {
  it('lists, opens, saves, refuses a stale save, searches and finds a handler', async () => {
    const { call } = workbench();
    const folder = smallApp(oneFunctionManifest(), SOURCE);
    await call('openApp', { folder });

    const root = await call<AppFolderListing>('listAppFolder', { folder: '' });
    expect(root.entries.filter((entry) => entry.kind === 'folder').map((entry) => entry.name)).toEqual(['node_modules', 'src']);
    expect(root.entries.filter((entry) => entry.kind === 'file').map((entry) => entry.name)).toEqual(['manifest.yml', 'package.json']);

    const opened = await call<AppFileDocument>('readAppFile', { file: 'src/index.js' });
    expect(opened).toMatchObject({ file: 'src/index.js', text: SOURCE, language: 'javascript' });
    const saved = await call<AppFileDocument>('saveAppFile', { file: 'src/index.js', text: SOURCE.replace('42', '43'), baseRevision: opened.revision });
    expect(readFileSync(path.join(folder, 'src/index.js'), 'utf8')).toContain('answer: 43');

    writeFileSync(path.join(folder, 'src/index.js'), SOURCE.replace('42', '44'));
    await expect(call('saveAppFile', { file: 'src/index.js', text: 'mine', baseRevision: saved.revision })).rejects.toMatchObject({
      code: 'app-file-conflict',
      message: expect.stringContaining('src/index.js was changed by another program since you opened it'),
    });

    const search = await call<AppSearchResult>('searchAppFiles', { query: 'answer', wholeWord: true });
    expect(search.matches.map((match) => `${match.file}:${match.line}:${match.column}`)).toEqual(['src/index.js:1:41']);
    expect(await call<CodeLocation | null>('locateHandler', { handler: 'index.main' })).toMatchObject({ file: 'src/index.js', line: 1, column: 23 });
  }, 30_000);

  it('counts unsaved editor texts in the analysis without writing them', async () => {
    const { call } = workbench();
    const folder = smallApp(oneFunctionManifest(), 'export const other = 1;\n');
    await call('openApp', { folder });
    const codes = (report: AnalysisReport) => report.diagnostics.map((diagnostic) => diagnostic.code);
    expect(codes(await call<AnalysisReport>('analyzeManifest', { text: oneFunctionManifest() }))).toContain('handler-export-missing');
    const report = await call<AnalysisReport>('analyzeManifest', { text: oneFunctionManifest(), unsavedSources: [{ file: 'src/index.js', text: SOURCE }] });
    expect(codes(report)).not.toContain('handler-export-missing');
    expect(readFileSync(path.join(folder, 'src/index.js'), 'utf8')).toBe('export const other = 1;\n');
  }, 30_000);

  it('refuses paths out of the app and malformed requests before they reach the disk', async () => {
    const { call, outcome } = workbench();
    await expect(call('readAppFile', { file: 'src/index.js' })).rejects.toMatchObject({ code: 'no-app-open' });
    await call('openApp', { folder: smallApp(oneFunctionManifest(), SOURCE) });
    await expect(call('readAppFile', { file: '../../etc/passwd' })).rejects.toMatchObject({ code: 'bad-request', message: expect.stringContaining('leads out of the app folder') });
    await expect(call('saveAppFile', { file: '/tmp/x.js', text: 'x' })).rejects.toMatchObject({ code: 'bad-request', message: expect.stringContaining('is an absolute path') });
    await expect(call('analyzeManifest', { text: oneFunctionManifest(), unsavedSources: [{ file: '../x.js', text: '' }] })).rejects.toMatchObject({ code: 'bad-request' });
    expect((await outcome('saveAppFile', { file: 'src/index.js', text: 'x', mode: 0o777 })).error?.message).toMatch(/request\.mode is not a known field/);
    expect((await outcome('searchAppFiles', { query: '' })).error?.message).toMatch(/request\.query must not be empty/);
    expect((await outcome('analyzeManifest', { text: '', unsavedSources: Array.from({ length: 51 }, () => ({ file: 'src/a.js', text: '' })) })).error?.message).toMatch(
      /request\.unsavedSources has 51 items; the limit is 50/,
    );
  }, 30_000);

  it('tells the renderer when any app file changes on disk, not only the sources the analysis reads', async () => {
    const { bench, call } = workbench();
    const folder = smallApp(oneFunctionManifest(), SOURCE);
    const changed: string[] = [];
    bench.streams.follow((event) => {
      if (event.stream === 'sourcesChanged') changed.push(event.payload.file);
    });
    await call('openApp', { folder });
    // Wait for the first scan through an analysis, so the changes below are not part of it.
    await call('analyzeManifest', { text: oneFunctionManifest() });
    await vi.waitFor(
      () => {
        writeFileSync(path.join(folder, 'README.md'), `# changed ${changed.length}\n`);
        writeFileSync(path.join(folder, 'src', 'index.js'), `${SOURCE}// ${changed.length}\n`);
        expect(changed).toEqual(expect.arrayContaining(['README.md', 'src/index.js']));
      },
      { timeout: 20_000, interval: 200 },
    );
  }, 30_000);

  it('analyses a source file written while the first scan of the app is still running', async () => {
    const { call } = workbench();
    const folder = smallApp(oneFunctionManifest(), SOURCE);
    // Many files that name a Forge API, so the first scan is still parsing when the new file arrives.
    for (let index = 0; index < 300; index++) {
      writeFileSync(path.join(folder, 'src', `part${index}.js`), `import api, { route } from '@forge/api';\nexport const get${index} = () => api.asApp().requestJira(route\`/rest/api/3/myself\`);\n`);
    }
    await call('openApp', { folder });
    // After the scan has listed the files, while it still parses them.
    await new Promise((resolve) => setTimeout(resolve, 150));
    writeFileSync(path.join(folder, 'src', 'late.js'), "import api, { route } from '@forge/api';\nexport const late = () => api.asApp().requestConfluence(route`/wiki/api/v2/pages`);\n");
    await vi.waitFor(
      async () => {
        const report = await call<AnalysisReport>('analyzeManifest', { text: oneFunctionManifest() });
        expect(report.scopes.rows.filter((row) => row.usedAt.some((place) => place.file === 'src/late.js')).length).toBeGreaterThan(0);
      },
      { timeout: 20_000, interval: 300 },
    );
  }, 30_000);
});

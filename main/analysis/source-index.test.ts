import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAppCopy } from '../testing';
import { SourceIndex } from './source-index';

/** The next `count` files the watch reports, in order. */
function changes(index: SourceIndex, count: number): { seen: Promise<string[]>; stop: () => void } {
  const reported: string[] = [];
  let stop = (): void => undefined;
  const seen = new Promise<string[]>((resolve) => {
    stop = index.watch((file) => {
      reported.push(file);
      if (reported.length === count) resolve(reported);
    });
  });
  return { seen, stop };
}

/** Resolves once `file` is reported by the watch; every report is added to `reported`. */
function reportOf(index: SourceIndex, file: string, reported: string[] = []): { seen: Promise<void>; stop: () => void } {
  let stop = (): void => undefined;
  const seen = new Promise<void>((resolve) => {
    stop = index.watch((changed) => {
      reported.push(changed);
      if (changed === file) resolve();
    });
  });
  return { seen, stop };
}

describe('the source index of an app', () => {
  it('finds what the sample app does', async () => {
    const index = new SourceIndex(sampleAppCopy());
    await index.scanAll();
    // The UI Kit frontend, the backend, and the Custom UI page's script.
    expect(index.fileCount()).toBe(3);
    const [frontend, backend] = index.facts();
    expect(backend?.file).toBe('src/index.js');
    expect(backend?.productCalls).toEqual([
      {
        product: 'jira',
        method: 'GET',
        path: '/rest/api/3/issue/{}?fields=summary,status,labels',
        as: 'app',
        place: { file: 'src/index.js', line: 18, column: 38 },
      },
    ]);
    expect(backend?.fetches.map((call) => call.host)).toEqual(['api.github.com']);
    expect(backend?.storageUses.map((use) => use.api)).toEqual(['kvs.get', 'kvs.get', 'kvs.get', 'kvs.set', 'kvs.set', 'kvs.get', 'kvs.set']);
    expect(backend?.resolverDefinitions.map((definition) => definition.key)).toEqual(['getIssueRadar']);
    expect(frontend?.file).toBe('src/frontend/index.jsx');
    expect(frontend?.invokes).toEqual([{ key: 'getIssueRadar', place: { file: 'src/frontend/index.jsx', line: 10, column: 5 } }]);
    expect(index.facts().every((facts) => facts.problem === null)).toBe(true);
  });

  it('rescans a changed file, adds a new one and drops a deleted one', async () => {
    const app = sampleAppCopy();
    const index = new SourceIndex(app);
    await index.scanAll();
    const backendPath = path.join(app, 'src', 'index.js');
    const changed = (await readFile(backendPath, 'utf8')).replace(
      'await kvs.set(LAST_DEPLOYMENT_KEY',
      "await api.asUser().requestJira(route`/rest/api/3/issue/${issueKey}/comment`, { method: 'POST', body });\n  await kvs.set(LAST_DEPLOYMENT_KEY",
    );
    await writeFile(backendPath, changed);
    await index.rescan('src/index.js');
    expect(
      index
        .facts()
        .find((facts) => facts.file === 'src/index.js')
        ?.productCalls.map((call) => `${call.as} ${call.method} ${call.path}`),
    ).toEqual(['app GET /rest/api/3/issue/{}?fields=summary,status,labels', 'user POST /rest/api/3/issue/{}/comment']);

    await writeFile(path.join(app, 'src', 'hook.js'), "import { webTrigger } from '@forge/api';\nexport const url = () => webTrigger.getUrl('deploy');\n");
    await index.rescan('src/hook.js');
    expect(index.fileCount()).toBe(4);

    rmSync(path.join(app, 'src', 'frontend', 'index.jsx'));
    await index.rescan('src/frontend/index.jsx');
    expect(index.facts().map((facts) => facts.file)).toEqual(['src/hook.js', 'src/index.js', 'static/radar-page/radar.js']);
  });

  it('ignores paths that are not source files of the app', async () => {
    const app = sampleAppCopy();
    const index = new SourceIndex(app);
    await index.scanAll();
    // The copy's node_modules holds hard links to the sample app's files: give it its own before writing in it.
    rmSync(path.join(app, 'node_modules'), { recursive: true, force: true });
    mkdirSync(path.join(app, 'node_modules', 'x'), { recursive: true });
    writeFileSync(path.join(app, 'node_modules', 'x', 'index.js'), "fetch('https://evil.example.com');");
    await index.rescan('node_modules/x/index.js');
    await index.rescan('../outside.js');
    await index.rescan('manifest.yml');
    expect(index.fileCount()).toBe(3);
  });

  it('keeps a binary source file with the reason it was not scanned', async () => {
    const app = sampleAppCopy();
    writeFileSync(path.join(app, 'src', 'native.js'), Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    const index = new SourceIndex(app);
    await index.scanAll();
    expect(index.facts().find((facts) => facts.file === 'src/native.js')?.problem).toBe('binary file, not scanned');
  });

  it('reports a change to one file and rescans only that file', async () => {
    const app = sampleAppCopy();
    const index = new SourceIndex(app);
    await index.scanAll();
    const before = index.facts().find((facts) => facts.file === 'src/index.js');
    const { seen, stop } = changes(index, 1);
    const frontendPath = path.join(app, 'src', 'frontend', 'index.jsx');
    const text = await readFile(frontendPath, 'utf8');
    await writeFile(frontendPath, text.replace("invoke('getIssueRadar')", "invoke('getIssueRadar', { refresh: true }).then(() => invoke('getHistory'))"));
    const reported = await seen;
    stop();
    expect(reported).toEqual(['src/frontend/index.jsx']);
    expect(
      index
        .facts()
        .find((facts) => facts.file === 'src/frontend/index.jsx')
        ?.invokes.map((use) => use.key),
    ).toEqual(['getIssueRadar', 'getHistory']);
    expect(index.facts().find((facts) => facts.file === 'src/index.js')).toBe(before);
  });

  it('keeps following a file that the editor saves by writing a copy and renaming it over', async () => {
    const app = sampleAppCopy();
    // Its own node_modules, not hard links to the sample app's files: this test writes in it.
    rmSync(path.join(app, 'node_modules'), { recursive: true, force: true });
    mkdirSync(path.join(app, 'node_modules', '@forge', 'api'), { recursive: true });
    const index = new SourceIndex(app);
    await index.scanAll();
    const backendPath = path.join(app, 'src', 'index.js');
    const original = await readFile(backendPath, 'utf8');
    const saveByRename = (text: string): void => {
      writeFileSync(`${backendPath}.tmp`, text);
      renameSync(`${backendPath}.tmp`, backendPath);
    };
    const reported: string[] = [];
    for (const [round, host] of ['hooks.slack.com', 'api.statuspage.io'].entries()) {
      const saved = reportOf(index, 'src/index.js', reported);
      // Dependencies change too (npm install); they are not the app's code and are not reported.
      writeFileSync(path.join(app, 'node_modules', '@forge', 'api', `index${round}.js`), "fetch('https://example.com');");
      saveByRename(`${original}\nexport const notify = () => fetch('https://${host}/x');\n`);
      await saved.seen;
      saved.stop();
      expect(
        index
          .facts()
          .find((facts) => facts.file === 'src/index.js')
          ?.fetches.map((call) => call.host),
      ).toEqual(['api.github.com', host]);
    }
    expect(reported.every((file) => file === 'src/index.js')).toBe(true);
  });

  it('sees files in a folder created or moved in after the watch started', async () => {
    const app = sampleAppCopy();
    const index = new SourceIndex(app);
    await index.scanAll();
    const created = reportOf(index, 'src/jobs/sync.ts');
    mkdirSync(path.join(app, 'src', 'jobs'));
    writeFileSync(path.join(app, 'src', 'jobs', 'sync.ts'), "import { kvs } from '@forge/kvs';\nexport const run = () => kvs.delete('cursor');\n");
    await created.seen;
    created.stop();
    expect(
      index
        .facts()
        .find((facts) => facts.file === 'src/jobs/sync.ts')
        ?.storageUses.map((use) => use.api),
    ).toEqual(['kvs.delete']);

    const moved = reportOf(index, 'src/tasks/sync.ts');
    renameSync(path.join(app, 'src', 'jobs'), path.join(app, 'src', 'tasks'));
    await moved.seen;
    moved.stop();
    expect(index.facts().map((facts) => facts.file)).toEqual(['src/frontend/index.jsx', 'src/index.js', 'src/tasks/sync.ts', 'static/radar-page/radar.js']);
  });
});

import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleAppCopy, scratchFolder } from '../testing';
import { checkManifest } from './check-manifest';
import { HandlerFiles } from './handler-checks';
import { parseManifest } from './parsed-manifest';
import { MAX_CHECKED_RESOURCES, resourceDiagnostics } from './resource-checks';
import { SchemaValidator } from './schema-validator';

const schema = new SchemaValidator();
afterAll(() => schema.close());

function sampleWith(change: (text: string) => string) {
  const folder = sampleAppCopy();
  const text = change(readFileSync(path.join(folder, 'manifest.yml'), 'utf8'));
  return { folder, text, lines: text.split('\n') };
}

describe('resources whose files forge deploy would not find', () => {
  it('accepts the sample app as shipped', async () => {
    const { folder, text } = sampleWith((manifest) => manifest);
    expect(await resourceDiagnostics(parseManifest(text), folder)).toEqual([]);
  });

  it('says a Custom UI folder that does not exist, at its path, with the fix', async () => {
    const { folder, text, lines } = sampleWith((manifest) => manifest.replace('path: static/radar-page', 'path: static/radar-page/build'));
    const [problem, ...rest] = await resourceDiagnostics(parseManifest(text), folder);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ severity: 'error', code: 'resource-path-missing', line: lines.indexOf('    path: static/radar-page/build') + 1, column: 11 });
    expect(problem!.message).toContain('Resource "radar-page": the folder static/radar-page/build does not exist');
    expect(problem!.message).toContain('forge deploy fails');
    expect(problem!.message).toContain('npm run build');
  });

  it('refuses a path outside the app folder, without looking there', async () => {
    const { folder, text } = sampleWith((manifest) => manifest.replace('path: static/radar-page', 'path: ../../etc'));
    const [problem] = await resourceDiagnostics(parseManifest(text), folder);
    expect(problem).toMatchObject({ code: 'resource-outside-app' });
    expect(problem!.message).toContain('outside the app folder');
    const absolute = sampleWith((manifest) => manifest.replace('path: static/radar-page', `path: ${scratchFolder()}`));
    expect((await resourceDiagnostics(parseManifest(absolute.text), absolute.folder))[0]).toMatchObject({ code: 'resource-outside-app' });
  });

  it('refuses a link inside the app that leads out of it', async () => {
    const { folder, text } = sampleWith((manifest) => manifest.replace('path: static/radar-page', 'path: static/elsewhere'));
    const outside = scratchFolder();
    mkdirSync(path.join(outside, 'build'), { recursive: true });
    symlinkSync(outside, path.join(folder, 'static', 'elsewhere'));
    const [problem] = await resourceDiagnostics(parseManifest(text), folder);
    expect(problem).toMatchObject({ code: 'resource-outside-app' });
    expect(problem!.message).toContain('is a link to');
  });

  it('says a UI Kit file that does not exist', async () => {
    const { folder, text } = sampleWith((manifest) => manifest.replace('path: src/frontend/index.jsx', 'path: src/frontend/missing.jsx'));
    const [problem] = await resourceDiagnostics(parseManifest(text), folder);
    expect(problem).toMatchObject({ code: 'resource-path-missing' });
    expect(problem!.message).toContain('Create the file or correct the path');
  });

  it('is part of what the editor shows for the manifest', async () => {
    const { folder, text } = sampleWith((manifest) => manifest.replace('path: static/radar-page', 'path: static/radar-page/build'));
    const { diagnostics } = await checkManifest(text, schema, new HandlerFiles(folder), { waitForSchema: false });
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('resource-path-missing');
  });

  it('looks up a bounded number of paths however many resources a manifest lists, and says so', async () => {
    const folder = sampleAppCopy();
    const many = Array.from({ length: 5000 }, (_, index) => `  - key: r${index}\n    path: s/${index}\n`).join('');
    const problems = await resourceDiagnostics(parseManifest(`resources:\n${many}`), folder);
    expect(problems.filter((problem) => problem.code === 'resource-path-missing')).toHaveLength(MAX_CHECKED_RESOURCES);
    expect(problems.find((problem) => problem.code === 'resource-check-limit')?.message).toContain('lists 5000 resources');
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../manifest';
import { sampleAppCopy } from '../testing';
import { AppAnalysis } from './app-analysis';

// "May be unused" is a guess: one click must not remove a host or scope the app may well use.
const schema = new SchemaValidator();
afterAll(() => schema.close());

async function analyse(source: string, change: (text: string) => string) {
  const folder = sampleAppCopy();
  await writeFile(path.join(folder, 'src', 'unreadable.js'), source);
  const text = change(await readFile(path.join(folder, 'manifest.yml'), 'utf8'));
  return new AppAnalysis(folder, schema).analyze(text);
}

describe('findings that are only maybes', () => {
  it('offers no removal for an egress host a fetch Anvil cannot read may reach', async () => {
    const report = await analyse('import { fetch } from "@forge/api";\nexport async function call(base) {\n  return fetch(`${base}/status`);\n}\n', (text) =>
      text.replace('        - address: api.github.com\n', '        - address: api.github.com\n        - address: status.example.com\n'),
    );
    const maybe = report.diagnostics.find((d) => d.code === 'egress-unused' && d.message.includes('status.example.com'));
    expect(maybe).toMatchObject({ severity: 'info' });
    expect(maybe!.fixes).toEqual([]);
  }, 30_000);

  it('still offers the removal when nothing the code does could reach the host', async () => {
    const report = await analyse('export const nothing = 1;\n', (text) =>
      text.replace('        - address: api.github.com\n', '        - address: api.github.com\n        - address: status.example.com\n'),
    );
    const unused = report.diagnostics.find((d) => d.code === 'egress-unused' && d.message.includes('status.example.com'));
    expect(unused).toMatchObject({ severity: 'warning' });
    expect(unused!.fixes.map((fix) => fix.title)).toEqual(['Remove status.example.com from fetch.backend']);
  }, 30_000);

  it('offers no removal for a scope a product call Anvil cannot read may need', async () => {
    const report = await analyse('import api from "@forge/api";\nexport async function call(path) {\n  return api.asApp().requestConfluence(path);\n}\n', (text) =>
      text.replace('    - storage:app\n', '    - storage:app\n    - write:confluence-content\n'),
    );
    const maybe = report.diagnostics.find((d) => d.code === 'scope-unused' && d.message.includes('write:confluence-content'));
    expect(maybe).toMatchObject({ severity: 'info' });
    expect(maybe!.fixes).toEqual([]);
  }, 30_000);
});

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../manifest';
import { scratchFolder } from '../testing';
import { AppAnalysis } from './app-analysis';
import { sharedDataFolder } from '../testing/shared-data';

// Real manifests of public Forge apps, kept beside the project (not in it).
const { folder: CORPUS, present: hasCorpus } = sharedDataFolder('corpus', 'manifests');
const schema = new SchemaValidator();
afterAll(() => schema.close());

async function analyseCorpusApp(name: string, sources: Record<string, string> = {}) {
  const folder = path.join(scratchFolder(), name.replace(/\.yml$/, ''));
  mkdirSync(folder, { recursive: true });
  const text = readFileSync(path.join(CORPUS, name), 'utf8');
  writeFileSync(path.join(folder, 'manifest.yml'), text);
  for (const [file, content] of Object.entries(sources)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), content);
  }
  const analysis = new AppAnalysis(folder, schema);
  const report = await analysis.analyze(text);
  analysis.close();
  return { report, codes: report.diagnostics.map((diagnostic) => diagnostic.code) };
}

describe.skipIf(!hasCorpus)('real manifests from public Forge apps (skipped: the corpus folder ../shared/corpus is absent)', () => {
  it('analyses every manifest of the corpus without a crash', async () => {
    const names = readdirSync(CORPUS).filter((name) => name.endsWith('.yml'));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const { report } = await analyseCorpusApp(name);
      expect(
        report.diagnostics.every((diagnostic) => diagnostic.line >= 1 && diagnostic.message.length > 0),
        name,
      ).toBe(true);
    }
  }, 120_000);

  it('jira-release-dashboard still declares nodejs18.x, which the platform no longer accepts', async () => {
    const { report } = await analyseCorpusApp('Mont-E2805_jira-release-dashboard__manifest.yml');
    const runtime = report.diagnostics.find((diagnostic) => diagnostic.code === 'runtime-unsupported')!;
    expect(runtime.message).toContain('"nodejs18.x"');
    expect(runtime.line).toBe(17);
    expect(runtime.fixes.map((fix) => fix.title)).toEqual(['Use nodejs24.x', 'Use nodejs22.x']);
  });

  it('pleasy writes app.name (an old key) and no runtime', async () => {
    const { report } = await analyseCorpusApp('ranisianipar_pleasy-codegeist-2021__manifest.yml');
    const messages = report.diagnostics.map((diagnostic) => diagnostic.message);
    expect(messages).toContain('app is missing the required key "runtime"');
    expect(messages.some((message) => message.startsWith('app has an unknown key "name"'))).toBe(true);
  });

  it('the issue collector puts a path on a backend egress entry, in the deprecated string form', async () => {
    const { report, codes } = await analyseCorpusApp('zac-metin_codegeist2021issuecollector__manifest.yml');
    expect(codes).toEqual(expect.arrayContaining(['egress-path-ignored', 'egress-string-deprecated']));
    const pathIgnored = report.diagnostics.find((diagnostic) => diagnostic.code === 'egress-path-ignored')!;
    expect(pathIgnored.message).toContain('"/*" is ignored');
    expect(pathIgnored.fixes[0]?.title).toBe('Keep only the domain instancename.atlassian.net');
  });

  it('conf-blockscan lists five egress domains as strings, and its runtime block is malformed', async () => {
    const { report, codes } = await analyseCorpusApp('blueorbitz_conf-blockscan__manifest.yml');
    expect(report.egress.declared).toEqual(['etherscan.io', 'api.opensea.io', 'api.blockcypher.com', 'api.etherscan.io', 'api.coingecko.com']);
    expect(codes.filter((code) => code === 'egress-string-deprecated')).toHaveLength(5);
    expect(report.diagnostics.some((diagnostic) => diagnostic.message === 'app.runtime is missing the required key "name"')).toBe(true);
    expect(report.scopes.declared).toEqual(['storage:app', 'write:confluence-content', 'read:confluence-content.summary']);
  });

  it('the checklist extension allows every client domain; with its resolver modelled, manage:jira-project is unused', async () => {
    // A small resolver modelled on the app: it reads the issue and stores the checklist in an issue property.
    const { report, codes } = await analyseCorpusApp('imahiro-t_checklist-jira-extension__manifest.yml', {
      'src/index.js': [
        "import Resolver from '@forge/resolver';",
        "import api, { route } from '@forge/api';",
        'const resolver = new Resolver();',
        "resolver.define('getChecklist', async ({ context }) => {",
        '  const key = context.extension.issue.key;',
        '  const response = await api.asUser().requestJira(route`/rest/api/3/issue/${key}/properties/checklist_result`);',
        '  return response.json();',
        '});',
        "resolver.define('saveChecklist', async ({ payload, context }) => {",
        '  const key = context.extension.issue.key;',
        "  await api.asUser().requestJira(route`/rest/api/3/issue/${key}/properties/checklist_result`, { method: 'PUT', body: JSON.stringify(payload) });",
        '});',
        'export const handler = resolver.getDefinitions();',
      ].join('\n'),
    });
    expect(codes).toContain('egress-global');
    expect(report.scopes.required).toEqual(['read:jira-work', 'write:jira-work']);
    expect(report.scopes.unused).toEqual(['manage:jira-project']);
    expect(codes).not.toContain('handler-file-missing');
  });
});

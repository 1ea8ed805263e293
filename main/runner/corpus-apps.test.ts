import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchFolder, smallApp } from '../testing';
import { AppRunner } from './app-runner';

// Small apps modelled on public Forge apps of the corpus (their manifests: ../shared/corpus/manifests;
// the resolvers of checklist-jira-extension and jira-release-dashboard were read to model the calls),
// written here in the way those apps use the platform (today's @forge/kvs for storage).
const runners: AppRunner[] = [];
afterEach(() => runners.splice(0).forEach((runner) => runner.close()));
const runnerByFolder = new Map<string, AppRunner>();
afterEach(() => runnerByFolder.clear());
/** One runner (and so one storage) per app, as in the workbench. */
const run = (folder: string, key: string, payload?: unknown) => {
  let runner = runnerByFolder.get(folder);
  if (!runner) {
    runner = new AppRunner(folder, { dataDir: scratchFolder() });
    runners.push(runner);
    runnerByFolder.set(folder, runner);
  }
  return runner.run({ functionKey: key, payload, resolverKeys: [key] });
};
const resolverApp = (module: string, scopes: string[], egress: string[] = []) => `
modules:
  ${module}:
    - key: main-module
      resource: main
      title: Main
      resolver:
        function: resolver
      icon: https://example.com/icon.svg
  function:
    - key: resolver
      handler: index.handler
resources:
  - key: main
    path: static/build
permissions:
  scopes:
${scopes.map((scope) => `    - ${scope}`).join('\n')}
${egress.length > 0 ? `  external:\n    fetch:\n      backend:\n${egress.map((host) => `        - address: ${host}`).join('\n')}` : ''}
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000002
  runtime:
    name: nodejs22.x
`;

describe('resolvers modelled on public Forge apps', () => {
  it('checklist-jira-extension: keeps the checklist deflated in an issue property, as the real app does with node:zlib', async () => {
    const checklist = {
      title: 'Release checklist',
      items: [
        { text: 'Tag the release', done: true },
        { text: 'Write notes', done: false },
      ],
    };
    const folder = smallApp(
      resolverApp('jira:issuePanel', ['read:jira-work', 'write:jira-work']),
      `import Resolver from '@forge/resolver';
import api, { route } from '@forge/api';
const zlib = require('node:zlib');
const resolver = new Resolver();
resolver.define('getChecklist', async ({ context }) => {
  const response = await api.asUser().requestJira(route\`/rest/api/3/issue/\${context.extension.issue.key}/properties/checklist_result\`);
  if (!response.ok) return null;
  const { value } = await response.json();
  return JSON.parse(zlib.inflateRawSync(Buffer.from(value.data, 'base64')).toString());
});
resolver.define('saveChecklist', async ({ payload, context }) => {
  const data = zlib.deflateRawSync(Buffer.from(JSON.stringify(payload))).toString('base64');
  const response = await api.asUser().requestJira(route\`/rest/api/3/issue/\${context.extension.issue.key}/properties/checklist_result\`, { method: 'PUT', body: JSON.stringify({ data }) });
  return { status: response.status, bytes: data.length };
});
export const handler = resolver.getDefinitions();
`,
      {
        'jira/GET/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}.json': {
          key: 'checklist_result',
          value: { data: deflateRawSync(Buffer.from(JSON.stringify(checklist))).toString('base64') },
        },
        'jira/PUT/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}.json': {},
      },
    );
    expect((await run(folder, 'getChecklist')).result).toEqual(checklist);
    const saved = await run(folder, 'saveChecklist', checklist);
    expect(saved.result).toEqual({ status: 200, bytes: deflateRawSync(Buffer.from(JSON.stringify(checklist))).toString('base64').length });
    expect(saved.calls[0]).toMatchObject({ allowed: true, reason: 'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey} (scopes approved)' });
  });

  it("jira-release-dashboard: reads a filter, then each project's versions; without write scope its edits are refused", async () => {
    const folder = smallApp(
      resolverApp('jira:globalPage', ['read:jira-work']),
      `import Resolver from '@forge/resolver';
import api, { route } from '@forge/api';
const resolver = new Resolver();
resolver.define('getReleaseData', async () => {
  const filter = await (await api.asUser().requestJira(route\`/rest/api/3/filter/\${'10002'}\`)).json();
  const projects = filter.jql.split('(')[1].split(')')[0].split(',').map((key) => key.trim());
  const table = [];
  for (const project of projects) {
    const page = await (await api.asUser().requestJira(route\`/rest/api/3/project/\${project}/version?orderBy=-releaseDate&maxResults=20\`)).json();
    const current = page.values.find((version) => version.released);
    const next = page.values.filter((version) => !version.released).pop();
    if (current && next) table.push({ projectKey: project, currentVer: current.name, nextVer: next.name });
  }
  return table;
});
resolver.define('releaseVersion', async ({ payload }) => {
  const response = await api.asApp().requestJira(route\`/rest/api/3/version/\${payload.id}\`, { method: 'PUT', body: JSON.stringify({ released: true }) });
  return response.status;
});
export const handler = resolver.getDefinitions();
`,
      {
        'jira/GET/rest/api/3/filter/{id}.json': { id: '10002', jql: 'project in (DEMO, OPS)' },
        'jira/GET/rest/api/3/project/{projectIdOrKey}/version.json': {
          values: [
            { name: '1.2', released: false },
            { name: '1.1', released: false },
            { name: '1.0', released: true },
          ],
        },
      },
    );
    const data = await run(folder, 'getReleaseData');
    expect(data.result).toEqual([
      { projectKey: 'DEMO', currentVer: '1.0', nextVer: '1.1' },
      { projectKey: 'OPS', currentVer: '1.0', nextVer: '1.1' },
    ]);
    expect(data.calls.map((call) => call.allowed)).toEqual([true, true, true]);
    const release = await run(folder, 'releaseVersion', { id: '2' });
    expect(release.calls[0]).toMatchObject({ allowed: false, reason: expect.stringContaining('needs the scope manage:jira-project') });
  });

  it('conf-blockscan: a Confluence macro resolver caches prices in storage and may only reach its declared API', async () => {
    const folder = smallApp(
      resolverApp('macro', ['storage:app', 'read:confluence-content.summary'], ['api.coingecko.com']),
      `import Resolver from '@forge/resolver';
import api from '@forge/api';
import { kvs } from '@forge/kvs';
const resolver = new Resolver();
resolver.define('getBalance', async ({ payload }) => {
  const cached = await kvs.get('balance:' + payload.address);
  if (cached) return { ...cached, cached: true };
  const other = await api.fetch('https://api.etherscan.io/api?module=account&address=' + payload.address);
  const price = await api.fetch('https://api.coingecko.com/api/v3/simple/price?ids=ethereum');
  const result = { address: payload.address, etherscan: other.status, coingecko: price.status };
  await kvs.set('balance:' + payload.address, result);
  return result;
});
export const handler = resolver.getDefinitions();
`,
    );
    const first = await run(folder, 'getBalance', { address: '0xabc' });
    expect(first.status).toBe('ok');
    expect(first.result).toMatchObject({ address: '0xabc', etherscan: 403 });
    expect(first.calls.find((call) => call.kind === 'fetch' && call.target.includes('etherscan'))).toMatchObject({ allowed: false });
    expect(first.calls.find((call) => call.kind === 'fetch' && call.target.includes('coingecko'))).toMatchObject({ allowed: true });
    const second = await run(folder, 'getBalance', { address: '0xabc' });
    expect(second.result).toMatchObject({ cached: true });
  });
});

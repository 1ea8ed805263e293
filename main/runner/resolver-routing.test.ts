import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchFolder, smallApp } from '../testing';
import { useForgeResolver1 } from '../testing/forge-api-release';
import { AppRunner } from './app-runner';

// Resolver keys registered in a loop (from an object of the file, from an imported object) are only
// known once the resolver has run: Anvil learns them in the sandbox and runs each key in the
// function whose resolver defines it, on the resolver releases apps still deploy with.
const runners: AppRunner[] = [];
afterEach(() => runners.splice(0).forEach((runner) => runner.close()));

const MANIFEST = `
modules:
  jira:issuePanel:
    - key: issue-panel
      resource: main
      resolver:
        function: panel-resolver
      render: native
      title: Panel
  jira:adminPage:
    - key: admin-page
      resource: main
      resolver:
        function: admin-resolver
      render: native
      title: Admin
  function:
    - key: panel-resolver
      handler: index.panel
    - key: admin-resolver
      handler: admin.handler
    - key: orphan
      handler: orphan.handler
resources:
  - key: main
    path: src/frontend/index.jsx
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000041
  runtime:
    name: nodejs22.x
`;

// Keys from an object of the file, registered with forEach.
const PANEL = `
import Resolver from '@forge/resolver';
const handlers = {
  getIssue: ({ context }) => ({ ranIn: 'panel', key: 'getIssue', module: context.moduleKey }),
  countIssues: ({ payload }) => ({ ranIn: 'panel', key: 'countIssues', count: payload.count }),
};
const resolver = new Resolver();
Object.entries(handlers).forEach(([key, fn]) => resolver.define(key, fn));
export const panel = resolver.getDefinitions();
`;

// Keys from an imported object, registered with for…of.
const ADMIN = `
import Resolver from '@forge/resolver';
import { adminHandlers } from './admin-handlers';
const resolver = new Resolver();
for (const [key, fn] of Object.entries(adminHandlers)) resolver.define(key, fn);
export const handler = resolver.getDefinitions();
`;

const ADMIN_HANDLERS = `
export const adminHandlers = {
  saveSettings: ({ payload, context }) => ({ ranIn: 'admin', key: 'saveSettings', saved: payload, module: context.moduleKey }),
  readSettings: () => ({ ranIn: 'admin', key: 'readSettings' }),
};
`;

// A resolver no module names: its key is in the source, but nothing on the platform would run it.
const ORPHAN = `
import Resolver from '@forge/resolver';
const resolver = new Resolver();
resolver.define('orphanKey', () => 'never');
export const handler = resolver.getDefinitions();
`;

function loopApp(): string {
  const folder = smallApp(MANIFEST, PANEL);
  writeFileSync(path.join(folder, 'src', 'admin.js'), ADMIN);
  writeFileSync(path.join(folder, 'src', 'admin-handlers.js'), ADMIN_HANDLERS);
  writeFileSync(path.join(folder, 'src', 'orphan.js'), ORPHAN);
  mkdirSync(path.join(folder, 'src', 'frontend'), { recursive: true });
  writeFileSync(path.join(folder, 'src', 'frontend', 'index.jsx'), 'export default null;\n');
  return folder;
}

function runnerFor(folder: string): AppRunner {
  const runner = new AppRunner(folder, { dataDir: scratchFolder() });
  runners.push(runner);
  return runner;
}

// What the source scan finds: only literal keys (the loops define none it can read).
const SOURCE_KEYS = ['orphanKey'];

describe.each([
  ['@forge/resolver 1.5.40', useForgeResolver1],
  ['@forge/resolver of the sample app', (_folder: string) => undefined],
])('resolver keys registered in a loop, on %s', (_release, install) => {
  it('offers every learnt key with the function that defines it, and only those a module reaches', async () => {
    const folder = loopApp();
    install(folder);
    const runnable = await runnerFor(folder).runnable({ resolverKeys: SOURCE_KEYS });
    expect(runnable.resolvers).toEqual([
      { key: 'countIssues', functionKey: 'panel-resolver', moduleKey: 'issue-panel', moduleType: 'jira:issuePanel' },
      { key: 'getIssue', functionKey: 'panel-resolver', moduleKey: 'issue-panel', moduleType: 'jira:issuePanel' },
      { key: 'readSettings', functionKey: 'admin-resolver', moduleKey: 'admin-page', moduleType: 'jira:adminPage' },
      { key: 'saveSettings', functionKey: 'admin-resolver', moduleKey: 'admin-page', moduleType: 'jira:adminPage' },
    ]);
    expect(runnable.resolverKeys).toEqual(['countIssues', 'getIssue', 'readSettings', 'saveSettings']);
    expect(runnable.unreachedResolverKeys).toEqual([{ key: 'orphanKey', reason: expect.stringContaining(`no module's resolver function defines "orphanKey"`) }]);
    expect(runnable.notes).toEqual([]);
  });

  it('runs each key by name in the function that defines it', async () => {
    const folder = loopApp();
    install(folder);
    const runner = runnerFor(folder);
    const panel = await runner.run({ functionKey: 'countIssues', payload: { count: 3 }, resolverKeys: SOURCE_KEYS });
    expect(panel).toMatchObject({ status: 'ok', functionKey: 'panel-resolver', result: { ranIn: 'panel', key: 'countIssues', count: 3 } });
    const admin = await runner.run({ functionKey: 'saveSettings', payload: { colour: 'red' }, resolverKeys: SOURCE_KEYS });
    expect(admin).toMatchObject({ status: 'ok', functionKey: 'admin-resolver', result: { ranIn: 'admin', key: 'saveSettings', saved: { colour: 'red' }, module: 'admin-page' } });
    const issue = await runner.run({ functionKey: 'getIssue', resolverKeys: SOURCE_KEYS });
    expect(issue).toMatchObject({ status: 'ok', functionKey: 'panel-resolver', result: { ranIn: 'panel', module: 'issue-panel' } });
  });

  it('refuses a key no module reaches, saying why', async () => {
    const folder = loopApp();
    install(folder);
    const runner = runnerFor(folder);
    await expect(runner.run({ functionKey: 'orphanKey', resolverKeys: SOURCE_KEYS })).rejects.toThrow(
      /Resolver key "orphanKey" cannot run: no module's resolver function defines "orphanKey" \("panel-resolver" defines "getIssue", "countIssues"; "admin-resolver" defines "saveSettings", "readSettings"\)/,
    );
    await expect(runner.run({ functionKey: 'nowhere', resolverKeys: SOURCE_KEYS })).rejects.toThrow(
      /"nowhere" is neither a function key in the manifest nor a resolver key a module's resolver function defines/,
    );
  });
});

describe('learning resolver keys', () => {
  it('lets the resolver module make no call: a storage write at its top level is refused, and nothing is stored', async () => {
    const folder = loopApp();
    writeFileSync(path.join(folder, 'manifest.yml'), MANIFEST.replace('resources:', 'permissions:\n  scopes:\n    - storage:app\nresources:'));
    writeFileSync(
      path.join(folder, 'src', 'index.js'),
      `import Resolver from '@forge/resolver';
import { kvs } from '@forge/kvs';
const written = kvs.set('touched', true).then(() => 'written', (error) => 'refused: ' + error.message);
const handlers = { getIssue: () => written, countIssues: () => 0 };
const resolver = new Resolver();
Object.entries(handlers).forEach(([key, fn]) => resolver.define(key, fn));
export const panel = resolver.getDefinitions();`,
    );
    const runner = runnerFor(folder);
    expect((await runner.runnable({ resolverKeys: SOURCE_KEYS })).resolverKeys).toEqual(['countIssues', 'getIssue', 'readSettings', 'saveSettings']);
    expect(await runner.storage('development')).toEqual([]);
    // The same code run as an invocation does write: learning, not the code, held the call back.
    expect(await runner.run({ functionKey: 'getIssue', resolverKeys: SOURCE_KEYS })).toMatchObject({ status: 'ok', result: 'written' });
    expect((await runner.storage('development')).map((entry) => entry.key)).toEqual(['touched']);
  });

  it('runs a key of a resolver whose code throws while loading where the platform would, showing the app\u2019s own error, and in its own function once the variable is set', async () => {
    const folder = smallApp(
      MANIFEST.replace('handler: admin.handler', 'handler: index.admin'),
      `
import Resolver from '@forge/resolver';
if (!process.env.API_KEY) throw new Error('API_KEY is not defined');
const panelResolver = new Resolver();
panelResolver.define('getIssue', () => 'panel');
const adminResolver = new Resolver();
adminResolver.define('saveSettings', () => 'admin');
export const panel = panelResolver.getDefinitions();
export const admin = adminResolver.getDefinitions();
`,
    );
    writeFileSync(path.join(folder, 'src', 'orphan.js'), ORPHAN);
    const sourceKeys = ['getIssue', 'saveSettings', 'orphanKey'];
    const unset = runnerFor(folder);
    const failed = await unset.run({ functionKey: 'saveSettings', resolverKeys: sourceKeys });
    expect(failed).toMatchObject({ status: 'error', error: expect.stringContaining('API_KEY is not defined') });
    const notes = (await unset.runnable({ resolverKeys: sourceKeys })).notes.join('\n');
    expect(notes).toContain('API_KEY is not defined');

    const variables = new AppRunner(folder, { dataDir: scratchFolder(), variables: async () => ({ API_KEY: 'k' }) });
    runners.push(variables);
    expect(await variables.run({ functionKey: 'saveSettings', resolverKeys: sourceKeys })).toMatchObject({ status: 'ok', functionKey: 'admin-resolver', result: 'admin' });
  });
});

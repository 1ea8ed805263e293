import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchFolder, smallApp } from '../../testing';
import { AppRunner } from '../app-runner';

const runners: AppRunner[] = [];
afterEach(() => runners.splice(0).forEach((runner) => runner.close()));

const manifest = `
modules:
  function:
    - key: graph
      handler: index.graph
permissions:
  scopes:
    - read:jira-work
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000016
  runtime:
    name: nodejs22.x
`;

// The real @forge/api: requestGraph as the app and as the user, the way apps call it.
const source = `
import api from '@forge/api';
export async function graph({ query, variables, asUser }) {
  const requester = asUser ? api.asUser() : api.asApp();
  const response = await requester.requestGraph(query, variables);
  return { status: response.status, body: await response.json() };
}
`;

const MY_ISSUES = 'query MyIssues($cloudId: ID!) { jira { issueSearchStable(cloudId: $cloudId) { totalCount } } }';

function graphApp(fixtures: Record<string, unknown> = {}) {
  const folder = smallApp(manifest, source, fixtures);
  const runner = new AppRunner(folder, { dataDir: scratchFolder() });
  runners.push(runner);
  return { folder, run: (payload: Record<string, unknown>) => runner.run({ functionKey: 'graph', payload }) };
}

describe('requestGraph answered from fixtures keyed by operation name', () => {
  it('answers a named query from .anvil/fixtures/graphql/<operationName>.json, as the app and as the user', async () => {
    const { run } = graphApp({ 'graphql/MyIssues.json': { data: { jira: { issueSearchStable: { totalCount: 42 } } } } });
    for (const asUser of [false, true]) {
      const outcome = await run({ query: MY_ISSUES, variables: { cloudId: 'c1' }, asUser });
      expect(outcome).toMatchObject({ status: 'ok', result: { status: 200, body: { data: { jira: { issueSearchStable: { totalCount: 42 } } } } } });
      expect(outcome.calls[0]).toMatchObject({
        kind: 'product',
        target: 'graphql MyIssues',
        allowed: true,
        reason: expect.stringContaining('cannot tell which scopes'),
        fixture: { file: '.anvil/fixtures/graphql/MyIssues.json', found: true },
      });
    }
  });

  it('names the fixture to add when there is none, and the Runner pane can then write it', async () => {
    const { run } = graphApp();
    const missing = await run({ query: MY_ISSUES, variables: { cloudId: 'c1' } });
    expect(missing.result).toMatchObject({ status: 404, body: { errors: [{ message: expect.stringContaining('add .anvil/fixtures/graphql/MyIssues.json') }] } });
    expect(missing.calls[0]).toMatchObject({ fixture: { file: '.anvil/fixtures/graphql/MyIssues.json', found: false } });
    await runners[0]!.writeFixture('.anvil/fixtures/graphql/MyIssues.json', JSON.stringify({ status: 200, body: { data: { ok: true } } }));
    expect((await run({ query: MY_ISSUES })).result).toEqual({ status: 200, body: { data: { ok: true } } });
  });

  it('asks for a name when the query has none, instead of guessing a file', async () => {
    const { run } = graphApp({ 'graphql/anonymous.json': { data: { leaked: true } } });
    const outcome = await run({ query: '{ me { user { name } } }' });
    expect(outcome.result).toMatchObject({ status: 400, body: { errors: [{ message: expect.stringContaining('name it (query MyIssues') }] } });
    expect(outcome.calls[0]).toMatchObject({ allowed: false });
  });

  it('never reads a fixture through a symbolic link planted in the app', async () => {
    const { folder, run } = graphApp();
    const outside = path.join(scratchFolder(), 'elsewhere');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'MyIssues.json'), JSON.stringify({ status: 200, body: { data: { secret: 'from outside the app' } } }));
    mkdirSync(path.join(folder, '.anvil', 'fixtures'), { recursive: true });
    symlinkSync(outside, path.join(folder, '.anvil', 'fixtures', 'graphql'));
    const outcome = await run({ query: MY_ISSUES });
    expect(JSON.stringify(outcome.result)).not.toContain('from outside the app');
    expect(outcome.result).toMatchObject({ status: 500, body: { errors: [{ message: expect.stringContaining('is a symbolic link') }] } });
  });
});

import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchFolder, smallApp } from '../testing';
import { useForgeApi3, useForgeApi4 } from '../testing/forge-api-release';
import { AppRunner } from './app-runner';

// asUser() acts as the user who invoked the function. Triggers, web triggers and queue consumers
// run with no user, so on the platform the proxy has no token and @forge/api throws
// NeedsAuthenticationError; a resolver called from a UI has its user and goes through.
const runners: AppRunner[] = [];
afterEach(() => runners.splice(0).forEach((runner) => runner.close()));

const manifest = `
modules:
  scheduledTrigger:
    - key: tick
      function: who
      interval: hour
  webtrigger:
    - key: hook
      function: who
  trigger:
    - key: on-created
      function: who
      events: [avi:jira:created:issue]
  consumer:
    - key: work
      queue: work-queue
      function: who
  jira:issuePanel:
    - key: panel
      resource: main
      resolver:
        function: resolver
      title: Panel
  function:
    - key: who
      handler: index.who
    - key: resolver
      handler: index.handler
    - key: direct
      handler: index.who
    - key: act
      handler: index.act
  rovo:agent:
    - key: helper
      name: Helper
      prompt: Help
      actions: [lookup]
  action:
    - key: lookup
      name: Lookup
      function: act
      actionVerb: GET
      description: Looks the user up
      inputs:
        issue:
          title: Issue
          type: string
          required: true
resources:
  - key: main
    path: static
permissions:
  scopes:
    - read:jira-user
    - read:jira-work
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000041
  runtime:
    name: nodejs22.x
`;

const source = `
import api, { route } from '@forge/api';
import Resolver from '@forge/resolver';

export async function who() {
  try {
    const response = await api.asUser().requestJira(route\`/rest/api/3/myself\`);
    return { status: response.status, body: await response.json() };
  } catch (error) {
    return { thrown: error.name, message: error.message, status: error.status };
  }
}
export const act = who;
const resolver = new Resolver();
resolver.define('whoAmI', who);
export const handler = resolver.getDefinitions();
`;

const releases: [string, (folder: string) => void][] = [
  ['the sample app’s current @forge/api', () => {}],
  ['@forge/api 4', useForgeApi4],
  ['@forge/api 3', useForgeApi3],
];

function appOn(release: (folder: string) => void): AppRunner {
  const folder = smallApp(manifest, source, { 'jira/GET/rest/api/3/myself.json': { accountId: 'local-developer', displayName: 'Ada Lovelace' } });
  release(folder);
  const runner = new AppRunner(folder, { dataDir: scratchFolder(), secretKey: async () => randomBytes(32) });
  runners.push(runner);
  return runner;
}

const refused = { thrown: 'NEEDS_AUTHENTICATION_ERR', message: 'Authentication Required', status: 401 };

describe.each(releases)('asUser() on %s', (_name, release) => {
  it('throws NeedsAuthenticationError in a scheduled trigger, a web trigger, a product event and a consumer, and the call is shown refused', async () => {
    const runner = appOn(release);
    for (const moduleKey of ['tick', 'hook', 'on-created', 'work']) {
      const outcome = await runner.run({ functionKey: '', moduleKey, ...(moduleKey === 'work' ? { payload: { body: {}, jobId: 'job-1' } } : {}) });
      expect(outcome.result, moduleKey).toMatchObject(refused);
      expect(outcome.calls, moduleKey).toEqual([expect.objectContaining({ kind: 'product', allowed: false, reason: expect.stringContaining('asUser() needs the invoking user') })]);
    }
  });

  it('reaches Jira as the user from a resolver a UI invokes, from a function run directly and from a Rovo action', async () => {
    const runner = appOn(release);
    const answered = { status: 200, body: { accountId: 'local-developer' } };
    const resolved = await runner.run({ functionKey: 'whoAmI', resolverKeys: ['whoAmI'] });
    expect(resolved.result).toMatchObject(answered);
    expect((await runner.run({ functionKey: 'direct' })).result).toMatchObject(answered);
    expect((await runner.run({ functionKey: 'act', moduleKey: 'lookup', payload: { issue: 'DEMO-1' } })).result).toMatchObject(answered);
  });
});

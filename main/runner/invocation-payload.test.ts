import { describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest';
import { functionTarget, moduleTarget, runnableFunctions } from './function-target';
import type { Installation } from './gateway/installation';
import { invocationArguments } from './invocation-payload';

const manifest = parseManifest(`
modules:
  webtrigger:
    - key: hook
      function: fn
  scheduledTrigger:
    - key: tick
      function: fn
      interval: hour
  rovo:agent:
    - key: helper
      name: Helper
      prompt: Help
      actions: [summarise]
  action:
    - key: summarise
      name: Summarise
      function: act
      actionVerb: GET
      description: Summarises an issue
      inputs:
        issueKey:
          title: Issue key
          type: string
          required: true
        limit:
          title: Limit
          type: integer
          required: false
        verbose:
          title: Verbose
          type: boolean
          required: false
  function:
    - key: fn
      handler: index.fn
    - key: act
      handler: index.act
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000042
`).value;

function installation(product: string): Installation {
  return { name: `local-${product}`, site: `local-${product}.atlassian.net`, product, target: 'fixtures', approvedScopes: [], approvedEgress: [], builtIn: true };
}

function decodedClaims(token: string): unknown {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
}

describe('a web trigger request', () => {
  it('carries context (cloud id, module key) and a contextToken beside the HTTP parts, and the function context has no user', () => {
    const request = { method: 'POST', path: '/x1/abc/orders', userPath: '/orders', headers: { 'content-type': ['text/plain'] }, queryParameters: {}, body: 'hi' };
    const { payload, context, user } = invocationArguments(moduleTarget(manifest, 'hook'), installation('jira'), 'development', request, null);
    expect(payload).toMatchObject({ ...request, context: { cloudId: 'local-local-jira', moduleKey: 'hook' }, contextToken: expect.any(String) });
    expect(decodedClaims((payload as { contextToken: string }).contextToken)).toEqual({ context: { cloudId: 'local-local-jira', moduleKey: 'hook' } });
    expect(context).toMatchObject({ installContext: 'ari:cloud:jira::site/local-local-jira' });
    expect(context).not.toHaveProperty('principal');
    expect(user).toBeNull();
  });

  it('keeps a context the caller gave and is a full request when no payload is given', () => {
    const given = invocationArguments(moduleTarget(manifest, 'hook'), installation('jira'), 'development', { method: 'GET', context: { cloudId: 'mine', moduleKey: 'hook' } }, null).payload;
    expect(given).toMatchObject({ context: { cloudId: 'mine' } });
    const empty = invocationArguments(moduleTarget(manifest, 'hook'), installation('jira'), 'development', undefined, null).payload;
    expect(empty).toMatchObject({ method: 'GET', userPath: '', headers: {}, queryParameters: {}, body: '', context: { moduleKey: 'hook' }, contextToken: expect.any(String) });
  });

  it('is like a scheduled trigger request, which has context and contextToken only', () => {
    const { payload } = invocationArguments(moduleTarget(manifest, 'tick'), installation('jira'), 'development', undefined, null);
    expect(Object.keys(payload as object).sort()).toEqual(['context', 'contextToken']);
    expect(decodedClaims((payload as { contextToken: string }).contextToken)).toEqual({ context: { cloudId: 'local-local-jira', moduleKey: 'tick' } });
  });
});

describe('a Rovo action', () => {
  it('gets its inputs at the top level and a context naming the site, the module and the Jira issue, with the user who chats', () => {
    const { payload, context, user } = invocationArguments(moduleTarget(manifest, 'summarise'), installation('jira'), 'development', { issueKey: 'DEMO-7', limit: 3 }, null);
    expect(payload).toEqual({
      issueKey: 'DEMO-7',
      limit: 3,
      context: {
        cloudId: 'local-local-jira',
        moduleKey: 'summarise',
        jira: expect.objectContaining({ resourceType: 'issue', issueKey: 'DEMO-1', projectKey: 'DEMO', url: 'https://local-jira.atlassian.net/browse/DEMO-1' }),
      },
    });
    expect(context).toMatchObject({ principal: { accountId: 'local-developer' } });
    expect(user).toBe('local-developer');
  });

  it('names the Confluence page in Confluence', () => {
    const { payload } = invocationArguments(moduleTarget(manifest, 'summarise'), installation('confluence'), 'development', { issueKey: 'X' }, null);
    expect(payload).toMatchObject({ context: { confluence: { resourceType: 'page', contentId: '65537', spaceKey: 'DEMO' } } });
  });

  it('runs when its function is run by key too', () => {
    const { payload } = invocationArguments(functionTarget(manifest, 'act'), installation('jira'), 'development', { issueKey: 'DEMO-2' }, null);
    expect(payload).toMatchObject({ issueKey: 'DEMO-2', context: { moduleKey: 'summarise' } });
  });

  it('is refused without a required input or with a value of the wrong type, naming the input and showing a payload to start from', () => {
    const run = (given: unknown) => () => invocationArguments(moduleTarget(manifest, 'summarise'), installation('jira'), 'development', given, null);
    expect(run(undefined)).toThrow(/input "issueKey" is required.*\{"issueKey":"","limit":0,"verbose":false\}/);
    expect(run({ limit: 2 })).toThrow(/input "issueKey" is required/);
    expect(run({ issueKey: 'A', limit: 2.5 })).toThrow(/"limit" is declared as integer/);
    expect(run({ issueKey: 'A', verbose: 'yes' })).toThrow(/"verbose" is declared as boolean/);
    expect(run({ issueKey: 7 })).toThrow(/"issueKey" is declared as string/);
    expect(run(['A'])).toThrow(/JSON object, not an array/);
    expect(run({ issueKey: 'A' })).not.toThrow();
  });

  it('offers the Runner pane a payload template from the manifest inputs', () => {
    const act = runnableFunctions(manifest).functions.find((fn) => fn.key === 'act');
    expect(act).toMatchObject({ moduleType: 'action', moduleKey: 'summarise', payloadTemplate: { issueKey: '', limit: 0, verbose: false } });
    expect(runnableFunctions(manifest).functions.find((fn) => fn.key === 'fn')).not.toHaveProperty('payloadTemplate');
  });
});

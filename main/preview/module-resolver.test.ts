import { describe, expect, it } from 'vitest';
import { moduleResolverCall } from './module-resolver';

const manifest = {
  modules: {
    'jira:issuePanel': [{ key: 'first-panel', resource: 'main', resolver: { function: 'first-resolver' } }],
    'jira:projectPage': [
      { key: 'second-page', resource: 'page', resolver: { function: 'second-resolver' } },
      { key: 'bare-page', resource: 'page' },
      { key: 'remote-page', resource: 'page', resolver: { endpoint: 'remote-backend' } },
      { key: 'broken-page', resource: 'page', resolver: { function: 'missing' } },
    ],
    webtrigger: [{ key: 'hook', function: 'record-deployment' }],
    function: [
      { key: 'first-resolver', handler: 'index.first' },
      { key: 'second-resolver', handler: 'index.second' },
      { key: 'record-deployment', handler: 'index.recordDeployment' },
    ],
  },
};
const context = { moduleKey: 'second-page' };

describe('moduleResolverCall', () => {
  it('sends every invoke key to the page\u2019s own resolver function, as the call inside the resolver event', () => {
    expect(moduleResolverCall(manifest, 'second-page', 'getThings', { id: 1 }, context)).toEqual({
      functionKey: 'second-resolver',
      payload: { call: { functionKey: 'getThings', payload: { id: 1 } }, context },
    });
  });

  it('never runs a function named by the key, nor another module\u2019s resolver', () => {
    for (const key of ['record-deployment', 'first-resolver', 'hook', 'first-panel']) {
      const call = moduleResolverCall(manifest, 'second-page', key, undefined, context);
      expect(call.functionKey, key).toBe('second-resolver');
      expect(call.payload.call).toEqual({ functionKey: key, payload: {} });
    }
  });

  it('refuses modules without a resolver function, naming what to add', () => {
    expect(() => moduleResolverCall(manifest, 'bare-page', 'x', {}, context)).toThrow('the module "bare-page" has no resolver. Add resolver: { function: <function key> }');
    expect(() => moduleResolverCall(manifest, 'remote-page', 'x', {}, context)).toThrow('remote endpoint "remote-backend"');
    expect(() => moduleResolverCall(manifest, 'broken-page', 'x', {}, context)).toThrow('declares no function "missing"');
    expect(() => moduleResolverCall(manifest, 'gone-page', 'x', {}, context)).toThrow('no longer in manifest.yml');
    expect(() => moduleResolverCall(manifest, 'second-page', 42, {}, context)).toThrow('invoke needs the key');
  });
});

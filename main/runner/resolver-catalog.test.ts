import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import type { InvocationResult } from './host/runner-host';
import { ResolverCatalog, type LearningInvoke } from './resolver-catalog';
import { LEARN_EXPORT, MAX_KEY_LENGTH, MAX_LEARNED_KEYS, parseLearned } from './resolver-learning';

function outcome(result: unknown, status: InvocationResult['status'] = 'ok', error: string | null = null): InvocationResult {
  return { invocationId: 'learn', status, result, error, durationMs: 1, memoryBytes: null, logs: [], calls: [] };
}

describe('learning the resolver keys of a bundle', () => {
  it('runs a bundle once for its keys and again only when its text changes', async () => {
    const bundlePath = path.join(scratchFolder(), 'index.cjs');
    writeFileSync(bundlePath, 'exports.handler = () => null;');
    const runs: string[] = [];
    const invoke: LearningInvoke = async (request) => {
      runs.push(request.exportName);
      return outcome({ kind: 'resolver', keys: ['getIssue'] });
    };
    const catalog = new ResolverCatalog();
    expect(await catalog.keysOf({ bundlePath, exportName: 'handler' }, {}, invoke)).toEqual({ kind: 'resolver', keys: ['getIssue'] });
    expect(await catalog.keysOf({ bundlePath, exportName: 'handler' }, {}, invoke)).toEqual({ kind: 'resolver', keys: ['getIssue'] });
    expect(runs).toEqual([LEARN_EXPORT]);
    writeFileSync(bundlePath, 'exports.handler = () => 1;');
    await catalog.keysOf({ bundlePath, exportName: 'handler' }, {}, invoke);
    expect(runs).toHaveLength(2);
  });

  it('learns again once the environment gives the variable the top-level code needs, and passes the variables on', async () => {
    const bundlePath = path.join(scratchFolder(), 'index.cjs');
    writeFileSync(bundlePath, 'if (!process.env.API_KEY) throw new Error("API_KEY is not defined"); exports.handler = () => null;');
    const invoke: LearningInvoke = async (request) => (request.env.API_KEY ? outcome({ kind: 'resolver', keys: ['summarise'] }) : outcome(null, 'error', 'Error: API_KEY is not defined'));
    const catalog = new ResolverCatalog();
    expect(await catalog.keysOf({ bundlePath, exportName: 'handler' }, {}, invoke)).toEqual({ kind: 'failed', problem: 'Error: API_KEY is not defined' });
    expect(await catalog.keysOf({ bundlePath, exportName: 'handler' }, { API_KEY: 'k' }, invoke)).toEqual({ kind: 'resolver', keys: ['summarise'] });
  });

  it('answers every call app code makes while it is learnt with a refusal', async () => {
    const bundlePath = path.join(scratchFolder(), 'index.cjs');
    writeFileSync(bundlePath, 'exports.handler = () => null;');
    let answer: unknown = null;
    await new ResolverCatalog().keysOf({ bundlePath, exportName: 'handler' }, {}, async (request) => {
      answer = await request.onCall({ type: 'call', invocationId: 'learn', callId: 1, kind: 'fetch', request: { url: 'https://api.example.com/', method: 'GET', headers: {}, body: null } });
      return outcome({ kind: 'resolver', keys: [] });
    });
    expect(answer).toMatchObject({ response: { status: 403 }, record: { allowed: false, kind: 'fetch' } });
  });

  it('says why when the bundle did not load', async () => {
    const bundlePath = path.join(scratchFolder(), 'index.cjs');
    writeFileSync(bundlePath, 'throw new Error("no config")');
    const found = await new ResolverCatalog().keysOf({ bundlePath, exportName: 'handler' }, {}, async () => outcome(null, 'error', 'Error: no config'));
    expect(found).toEqual({ kind: 'failed', problem: 'Error: no config' });
  });

  it('reads what the sandbox answers as untrusted: only text keys, bounded, without @forge/resolver’s own', () => {
    expect(parseLearned({ kind: 'resolver', keys: ['a', 7, null, 'a', '', 'x'.repeat(MAX_KEY_LENGTH + 1), '__request', 'b'] })).toEqual({ kind: 'resolver', keys: ['a', 'b'] });
    const many = parseLearned({ kind: 'resolver', keys: Array.from({ length: MAX_LEARNED_KEYS + 50 }, (_, index) => `k${index}`) });
    expect(many.kind === 'resolver' && many.keys.length).toBe(MAX_LEARNED_KEYS);
    expect(parseLearned(['a'])).toMatchObject({ kind: 'failed' });
    expect(parseLearned({ kind: 'resolver', keys: 'a' })).toMatchObject({ kind: 'failed' });
    expect(parseLearned({ kind: 'not-a-resolver' })).toEqual({ kind: 'not-a-resolver' });
  });
});

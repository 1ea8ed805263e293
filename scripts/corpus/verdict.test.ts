import { describe, expect, it } from 'vitest';
import { judged, verdictOf, type Attempt } from './verdict';

const attempt = (overrides: Partial<Attempt>): Attempt => ({ status: 'error', error: null, errorLogs: [], refusedCalls: [], ...overrides });

describe('the verdict on one entry point', () => {
  it('counts an error the app throws on its fixture data as ran, as it would throw on the platform', () => {
    const verdict = verdictOf(attempt({ error: "TypeError: Cannot read properties of undefined (reading 'items')\n    at getList (src/index.js:4:10)" }));
    expect(verdict).toEqual({ outcome: 'ran', cause: "threw: TypeError: Cannot read properties of undefined (reading 'items')" });
  });

  it('blames Anvil for a missing runtime global, a missing module or a platform API it does not serve', () => {
    expect(verdictOf(attempt({ error: 'ReferenceError: setImmediate is not defined' }))).toMatchObject({ outcome: 'anvil', cause: 'global setImmediate is missing in the sandbox' });
    expect(verdictOf(attempt({ error: "Error: Cannot find module 'node:http2'" }))).toMatchObject({ outcome: 'anvil', cause: 'module node:http2 is missing in the sandbox' });
    expect(verdictOf(attempt({ status: 'ok', errorLogs: ['Anvil does not provide the platform API POST /forge/sql locally'] }))).toMatchObject({
      outcome: 'anvil',
      cause: expect.stringContaining('(the app caught it and logged it)'),
    });
  });

  it("does not blame Anvil for an undefined name that is the app's own", () => {
    expect(verdictOf(attempt({ error: 'ReferenceError: issueKey is not defined' })).outcome).toBe('ran');
  });

  it('blames Anvil when a Forge package breaks inside itself', () => {
    const error = "TypeError: Cannot read properties of undefined (reading 'fetch')\n    at exports2.wrapFetchApiMethods (node_modules/@forge/api/out/api/index.js:22:53)";
    expect(verdictOf(attempt({ error }))).toMatchObject({ outcome: 'anvil', cause: expect.stringContaining('@forge/api fails inside itself') });
  });

  it("takes Anvil's word that the platform no longer runs an app built for the retired runtime", () => {
    const error =
      "RetiredRuntimeError: This app was built for Forge's retired sandbox runtime (@forge/api 2.3.0 reads global.api); the platform no longer runs it.\n    at node_modules/@forge/api/out/index.js:1:9";
    expect(verdictOf(attempt({ error }))).toMatchObject({ outcome: 'cannot run locally', cause: expect.stringContaining('@forge/api 2.3.0 reads global.api') });
  });

  it('tells a build failure (Anvil) from a module the platform runs elsewhere', () => {
    expect(verdictOf(attempt({ status: 'refused', error: 'The app does not build: src/index.jsx:3:2: Expected ">"' }))).toMatchObject({
      outcome: 'anvil',
      cause: 'bundling: src/index.jsx:3:2: Expected ">"',
    });
    expect(verdictOf(attempt({ status: 'refused', error: 'Module "x" (scheduledTrigger) has no function Anvil can run (endpoints run remotely).' })).outcome).toBe('cannot run locally');
  });

  it("keeps a person's judgement only while the failure reads the same", () => {
    const failing = attempt({ error: 'Error: socket hang up' });
    const judgement = { app: 'a/b', entry: 'resolver x', match: 'socket hang up', outcome: 'ran' as const, cause: 'the app calls a host that is down' };
    expect(judged(verdictOf(failing), failing, 'a/b', 'resolver x', [judgement])).toEqual({ outcome: 'ran', cause: 'the app calls a host that is down', judged: true });
    const changed = attempt({ error: "Error: Cannot find module 'tls'" });
    expect(judged(verdictOf(changed), changed, 'a/b', 'resolver x', [judgement]).judged).toBeUndefined();
  });
});

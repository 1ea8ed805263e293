import { describe, expect, it } from 'vitest';
import { memorySettings, sampleAppCopy } from '../testing';
import { Workbench } from '../workbench';
import { dispatchCall } from './dispatch';

const workbench = () => new Workbench({ shell: 'web', version: '0.0.0-test', settings: memorySettings() });

describe('dispatching a call from a binding', () => {
  it('refuses an unknown method and lists the real ones', async () => {
    const outcome = await dispatchCall(workbench(), 'deleteEverything', undefined);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(!outcome.ok && outcome.error.message).toContain('openApp');
  });

  it('refuses a malformed request with the field and the problem', async () => {
    expect(await dispatchCall(workbench(), 'openApp', { folder: 42 })).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'openApp: request.folder must be a string, got a number' },
    });
    expect(await dispatchCall(workbench(), 'openApp', { folder: '/x', extra: true })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('request.extra is not a known field') },
    });
    expect(await dispatchCall(workbench(), 'readManifest', { sneaky: 1 })).toMatchObject({
      ok: false,
      error: { message: 'readManifest: request must be absent; this call takes no request' },
    });
  });

  it('does not inherit methods from the object prototype', async () => {
    expect(await dispatchCall(workbench(), 'constructor', undefined)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await dispatchCall(workbench(), '__proto__', undefined)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('answers a valid call with its value, and a user error with its message', async () => {
    const bench = workbench();
    expect(await dispatchCall(bench, 'readManifest', undefined)).toMatchObject({ ok: false, error: { code: 'no-app-open' } });
    const folder = sampleAppCopy();
    const opened = await dispatchCall(bench, 'openApp', { folder });
    expect(opened).toMatchObject({ ok: true, value: { name: 'issue-radar', folder } });
  });
});

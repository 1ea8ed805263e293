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

  it('refuses a pasted manifest over the size cap with the limit and what to do, and keeps answering', async () => {
    const bench = workbench();
    const outcome = await dispatchCall(bench, 'analyzeManifest', { text: 'x'.repeat(8 * 1024 * 1024 + 1) });
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: 'bad-request',
        message: expect.stringMatching(/request\.text is 8388609 characters; the limit is 8388608: the platform accepts a manifest of at most 200 KB; move large content/),
      },
    });
    expect(await dispatchCall(bench, 'readManifest', undefined)).toMatchObject({ ok: false, error: { code: expect.not.stringMatching(/internal/) } });
  });

  it('does not inherit methods from the object prototype', async () => {
    expect(await dispatchCall(workbench(), 'constructor', undefined)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await dispatchCall(workbench(), '__proto__', undefined)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('refuses fields named after Object.prototype members, read from the wire as JSON', async () => {
    const bench = workbench();
    // Each would be "in" a plain schema object through its prototype; only declared, own fields count.
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const request = JSON.parse(`{"folder": "/x", "${key}": {"polluted": true}}`) as unknown;
      expect(await dispatchCall(bench, 'openApp', request)).toEqual({
        ok: false,
        error: { code: 'bad-request', message: `openApp: request.${key} is not a known field (expected: folder)` },
      });
    }
    // A tagged union picks its check by kind; a kind naming a prototype method is not a variant.
    for (const kind of ['hasOwnProperty', 'constructor', 'toString', 'isPrototypeOf']) {
      const request = JSON.parse(`{"text": "app:\\n  id: x\\n", "base": {"kind": "${kind}"}}`) as unknown;
      expect(await dispatchCall(bench, 'previewConsent', request)).toEqual({
        ok: false,
        error: { code: 'bad-request', message: 'previewConsent: request.base.kind must be one of: snapshot, git, file, installation' },
      });
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('refuses prototype keys anywhere inside a JSON value, naming where', async () => {
    const bench = workbench();
    for (const [payload, where] of [
      ['{"__proto__": {"isAdmin": true}}', 'request.payload.__proto__'],
      ['{"issue": {"fields": [{"constructor": {"prototype": {"x": 1}}}]}}', 'request.payload.issue.fields[0].constructor'],
      ['[{"a": {"prototype": 1}}]', 'request.payload[0].a.prototype'],
    ] as const) {
      const outcome = await dispatchCall(bench, 'runFunction', JSON.parse(`{"functionKey": "fn", "payload": ${payload}}`));
      expect(outcome).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(!outcome.ok && outcome.error.message).toContain(`${where} is refused`);
      expect(!outcome.ok && outcome.error.message).toContain('rename the key');
    }
    // Ordinary keys that merely contain those words pass validation (and then fail only for want of an app).
    const fine = await dispatchCall(bench, 'runFunction', JSON.parse('{"functionKey": "fn", "payload": {"constructorName": "x", "proto": 1}}'));
    expect(fine).toMatchObject({ ok: false, error: { code: 'no-app-open' } });
  });

  it('refuses an invocation context that is not an object, as the request type says, before it reaches the runner', async () => {
    for (const context of [['installContext'], 'ari:cloud:jira::site/1', 7]) {
      expect(await dispatchCall(workbench(), 'runFunction', { functionKey: 'main', context })).toMatchObject({
        ok: false,
        error: { code: 'bad-request', message: expect.stringMatching(/^runFunction: request\.context must be an object, got /) },
      });
      expect(await dispatchCall(workbench(), 'openPreview', { moduleKey: 'panel', environment: 'development', context })).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('request.context must be an object') },
      });
    }
  });

  it('refuses a trigger clock speed outside 1 to 1,000,000, naming the field', async () => {
    const bench = workbench();
    for (const speed of [0, -1, 1_000_001, 2.5, '3600', null]) {
      expect(await dispatchCall(bench, 'setTriggerClock', { environment: 'development', speed })).toEqual({
        ok: false,
        error: { code: 'bad-request', message: 'setTriggerClock: request.speed must be a whole number from 1 to 1000000' },
      });
    }
  });

  it('answers a valid call with its value, and a user error with its message', async () => {
    const bench = workbench();
    expect(await dispatchCall(bench, 'readManifest', undefined)).toMatchObject({ ok: false, error: { code: 'no-app-open' } });
    const folder = sampleAppCopy();
    const opened = await dispatchCall(bench, 'openApp', { folder });
    expect(opened).toMatchObject({ ok: true, value: { name: 'issue-radar', folder } });
  });
});

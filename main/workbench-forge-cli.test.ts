import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatchCall } from './contract';
import { openFileSettings } from './settings';
import { sampleAppCopy, scratchFolder, writeFakeForgeCli } from './testing';
import { inPrivateKeychain } from './testing/keychain-tests';
import { Workbench } from './workbench';

const privateKeychain = inPrivateKeychain();
const benches: Workbench[] = [];
afterEach(() => {
  benches.splice(0).forEach((bench) => bench.close());
  vi.unstubAllEnvs();
});

const TOKEN = 'ATATT-forge-cli-keychain-7d1e9c4b-LAST';

describe.skipIf(!privateKeychain)('Deploy to Forge from the workbench (run through npm test, which starts a private Secret Service)', () => {
  it('checks before a deploy: errors block with the list, a major version since the last deploy is announced with its reasons; the token never reaches the page', async () => {
    const dataDir = scratchFolder();
    const fake = writeFakeForgeCli(scratchFolder());
    vi.stubEnv('PATH', [fake.binFolder, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter));
    vi.stubEnv('FORGE_API_TOKEN', '');
    const workbench = new Workbench({ shell: 'web', version: 'test', settings: openFileSettings(dataDir), dataDir });
    benches.push(workbench);
    const seen: string[] = [];
    const exits = new Map<string, number>();
    workbench.streams.follow((event) => {
      seen.push(JSON.stringify(event));
      if (event.stream === 'terminalExit') exits.set(event.payload.terminalId, event.payload.exitCode);
    });
    const call = async (method: string, request?: unknown) => {
      const outcome = await dispatchCall(workbench, method, request);
      seen.push(JSON.stringify(outcome));
      return outcome;
    };
    const app = sampleAppCopy();
    await call('openApp', { folder: app });

    // No login yet: the check says so, and a run is refused before anything starts.
    expect(await call('checkForgeDeploy', { environment: 'staging' })).toMatchObject({ ok: true, value: { cli: { kind: 'path', version: '13.3.0', login: null } } });
    expect(await call('runForgeCli', { command: 'deploy', environment: 'staging', cols: 100, rows: 30 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('Credentials pane') } });
    expect(await call('runForgeCli', { command: 'deploy', environment: 'Staging; rm -rf ~', cols: 100, rows: 30 })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('is not a Forge environment name') },
    });
    expect(fake.calls()).toEqual([]);

    await call('setCredential', { kind: 'atlassian-account', label: 'dev@example.com', value: TOKEN });
    const first = await call('checkForgeDeploy', { environment: 'staging' });
    expect(first).toMatchObject({
      ok: true,
      value: { errors: [], version: null, noBase: expect.stringContaining('Anvil has no record of what is deployed to staging'), cli: { login: { email: 'dev@example.com' } } },
    });

    const waitForExit = async (terminalId: string) => {
      await vi.waitFor(() => expect(exits.has(terminalId)).toBe(true), { timeout: 20_000 });
      return exits.get(terminalId);
    };
    const deployed = await call('runForgeCli', { command: 'deploy', environment: 'staging', cols: 100, rows: 30 });
    expect(deployed).toMatchObject({ ok: true, value: { commandLine: 'forge deploy --environment staging --non-interactive' } });
    expect(await waitForExit((deployed as { value: { terminalId: string } }).value.terminalId)).toBe(0);
    expect(fake.calls()).toMatchObject([{ argv: ['deploy', '--environment', 'staging', '--non-interactive'], tokenSet: true, token: TOKEN }]);

    // A new scope since that deploy: a major version, with the reason.
    const manifest = path.join(app, 'manifest.yml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('    - storage:app\n', '    - storage:app\n    - write:jira-work\n'));
    await vi.waitFor(async () =>
      expect(await call('checkForgeDeploy', { environment: 'staging' })).toMatchObject({
        ok: true,
        value: { version: { major: true, reasons: [expect.stringContaining('write:jira-work')], base: expect.stringContaining('the last deploy to staging from Anvil') } },
      }),
    );

    // A function whose handler does not exist: Anvil's error blocks the deploy, naming it; deploying anyway runs the CLI.
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/function:\n/, 'function:\n    - key: ghost\n      handler: nowhere.handler\n'));
    const blocked = await call('runForgeCli', { command: 'deploy', environment: 'staging', cols: 100, rows: 30 });
    expect(blocked).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Not deployed: Anvil finds \d+ errors? in the app \(manifest.yml:\d+ .*nowhere/) } });
    expect(fake.calls()).toHaveLength(1);
    const anyway = await call('runForgeCli', { command: 'deploy', environment: 'staging', despiteErrors: true, cols: 100, rows: 30 });
    expect(await waitForExit((anyway as { value: { terminalId: string } }).value.terminalId)).toBe(0);
    expect(fake.calls()).toHaveLength(2);

    // Install/Upgrade needs the installation: refused without its site, run with the site and product given.
    expect(await call('runForgeCli', { command: 'install-upgrade', environment: 'staging', cols: 100, rows: 30 })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('give its site') },
    });
    const upgraded = await call('runForgeCli', { command: 'install-upgrade', environment: 'staging', site: 'your-team.atlassian.net', product: 'jira', cols: 100, rows: 30 });
    expect(await waitForExit((upgraded as { value: { terminalId: string } }).value.terminalId)).toBe(0);
    expect(fake.calls().at(-1)).toMatchObject({
      argv: ['install', '--upgrade', '--environment', 'staging', '--site', 'your-team.atlassian.net', '--product', 'jira', '--non-interactive'],
      tokenSet: true,
    });

    expect(seen.filter((message) => message.includes(TOKEN))).toEqual([]);
  });
});

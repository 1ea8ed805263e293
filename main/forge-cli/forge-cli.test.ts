import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAppCopy, scratchFolder, writeFakeForgeCli } from '../testing';
import { TerminalSessions, terminalEnvironment } from '../terminal';
import { forgeCliArguments, forgeEnvironmentKey } from './cli-arguments';
import { forgeCliEnvironment } from './cli-environment';
import { ForgeCli, NO_LOGIN } from './forge-cli-runs';
import { locateForgeCli } from './locate-forge-cli';
import { loginSecrets, secretRedactor } from './secret-redactor';

const LOGIN = { email: 'dev@example.com', token: 'ATATT3xKeychainToken0123456789wxyz' };

function executable(file: string, text = '#!/bin/sh\necho hostile\n'): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  return file;
}

/** Terminals whose output and exits a test reads, as the page would receive them. */
function recordedTerminals() {
  const output = new Map<string, string>();
  const exits = new Map<string, (code: number) => void>();
  const exited = new Map<string, Promise<number>>();
  const sessions = new TerminalSessions({
    output: (id, data) => output.set(id, (output.get(id) ?? '') + data),
    exit: (id, code) => exits.get(id)?.(code),
  });
  const waitForExit = (id: string) => {
    if (!exited.has(id)) exited.set(id, new Promise((resolve) => exits.set(id, resolve)));
    return exited.get(id)!;
  };
  return { sessions, sentToPage: (id: string) => output.get(id) ?? '', waitForExit };
}

function forgeCliFor(appFolder: string, pathValue: string, sessions: TerminalSessions, login: typeof LOGIN | null = LOGIN, extraEnv: NodeJS.ProcessEnv = {}) {
  return new ForgeCli({
    appFolder,
    baseEnv: { PATH: pathValue, HOME: process.env.HOME, SHELL: '/bin/sh', ...extraEnv },
    npxPrefix: path.join(scratchFolder(), 'npx-project'),
    terminals: sessions,
    login: async () => login,
  });
}

describe('the Forge CLI arguments', () => {
  it('builds forge deploy and forge install --upgrade word by word, non-interactive, with the environment, site and product', () => {
    expect(forgeCliArguments({ command: 'deploy', environment: 'staging' })).toEqual(['deploy', '--environment', 'staging', '--non-interactive']);
    expect(forgeCliArguments({ command: 'install-upgrade', environment: 'dev-alice', site: 'https://Your-Team.atlassian.net/', product: 'Jira' })).toEqual([
      'install',
      '--upgrade',
      '--environment',
      'dev-alice',
      '--site',
      'your-team.atlassian.net',
      '--product',
      'jira',
      '--non-interactive',
    ]);
  });

  it('refuses an environment name the platform would not take, saying what a valid one looks like', () => {
    for (const bad of ['--help', 'staging; rm -rf ~', 'Dev', '-e', '', 'a'.repeat(51), 'dev alice', '$(id)']) {
      expect(() => forgeEnvironmentKey(bad)).toThrow(/not a Forge environment name: use development, staging, production, or a custom environment's name in lowercase letters, digits and dashes/);
    }
    expect(forgeEnvironmentKey('production')).toBe('production');
    expect(() => forgeCliArguments({ command: 'install-upgrade', environment: 'staging', site: 'evil.example.com --product x', product: 'jira' })).toThrow('is not a site');
    expect(() => forgeCliArguments({ command: 'install-upgrade', environment: 'staging', site: 'a.atlassian.net', product: 'trello' })).toThrow('use one of jira, confluence, compass, bitbucket');
  });
});

describe('finding the Forge CLI', () => {
  it('takes forge from PATH as an absolute path, and npx with the pinned release in a project folder of its own when there is none', () => {
    const app = sampleAppCopy();
    const tools = scratchFolder();
    const npx = executable(path.join(tools, 'node-bin', 'npx'));
    const forge = executable(path.join(tools, 'forge-bin', 'forge'));
    const npxPrefix = path.join(tools, 'anvil-npx');

    expect(locateForgeCli({ searchPath: [path.dirname(npx), path.dirname(forge)].join(path.delimiter), appFolder: app, npxPrefix })).toEqual({ kind: 'path', file: forge, prefix: [] });
    // No forge anywhere: npx runs @forge/cli of the pinned major, never asking (--yes), with Anvil's folder as its project.
    expect(locateForgeCli({ searchPath: path.dirname(npx), appFolder: app, npxPrefix })).toEqual({ kind: 'npx', file: npx, prefix: ['--yes', '--prefix', npxPrefix, '@forge/cli@13'], npxPrefix });
    expect(locateForgeCli({ searchPath: path.join(tools, 'empty'), appFolder: app, npxPrefix })).toMatchObject({ kind: 'missing', message: expect.stringContaining('npm install -g @forge/cli') });
  });

  it('never runs a forge from the app folder: not its node_modules/.bin, not a relative PATH entry, not a link into it', async () => {
    const app = sampleAppCopy();
    const tools = scratchFolder();
    const hostile = executable(path.join(app, 'node_modules', '.bin', 'forge'));
    executable(path.join(app, 'forge'));
    const npx = executable(path.join(tools, 'node-bin', 'npx'));
    const linked = path.join(tools, 'linked-bin');
    mkdirSync(linked);
    symlinkSync(hostile, path.join(linked, 'forge'));
    const searchPath = [path.join(app, 'node_modules', '.bin'), '.', '', 'node_modules/.bin', linked, path.dirname(npx)].join(path.delimiter);
    const location = locateForgeCli({ searchPath, appFolder: app, npxPrefix: path.join(tools, 'anvil-npx') });
    expect(location).toMatchObject({ kind: 'npx', file: npx });
    // What the CLI itself looks up (its #!/usr/bin/env node, the tools it starts) runs from the app folder: no such entry reaches it.
    expect(forgeCliEnvironment({ PATH: searchPath }, null, app).PATH).toBe([linked, path.dirname(npx)].join(path.delimiter));

    // Through a run as well: the trusted forge later on PATH runs, the app's one never does.
    const fake = writeFakeForgeCli(tools);
    const hostileRecord = path.join(tools, 'hostile-ran');
    executable(path.join(app, 'node_modules', '.bin', 'forge'), `#!/bin/sh\ntouch ${hostileRecord}\n`);
    const terminals = recordedTerminals();
    const cli = forgeCliFor(app, [path.join(app, 'node_modules', '.bin'), '.', fake.binFolder, path.dirname(process.execPath)].join(path.delimiter), terminals.sessions);
    const run = await cli.run({ command: 'deploy', environment: 'staging' }, { cols: 100, rows: 30 }, () => undefined);
    expect(await terminals.waitForExit(run.terminalId)).toBe(0);
    expect(fake.calls()).toHaveLength(1);
    expect(await import('node:fs').then((fs) => fs.existsSync(hostileRecord))).toBe(false);
  });
});

describe('running the Forge CLI', () => {
  it('gives the keychain login to the CLI process only: never in what reaches the page, nor in a plain terminal', async () => {
    const app = sampleAppCopy();
    const fake = writeFakeForgeCli(scratchFolder());
    fake.behave({ echoToken: true });
    const terminals = recordedTerminals();
    const pathValue = [fake.binFolder, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter);
    // Anvil itself was started with a token of its own: neither terminal may inherit it.
    const cli = forgeCliFor(app, pathValue, terminals.sessions, LOGIN, { FORGE_EMAIL: 'inherited@example.com', FORGE_API_TOKEN: 'inherited-token-5555' });
    const exitStatuses: number[] = [];
    const run = await cli.run({ command: 'deploy', environment: 'staging' }, { cols: 100, rows: 30 }, (code) => exitStatuses.push(code));
    expect(await terminals.waitForExit(run.terminalId)).toBe(0);
    expect(exitStatuses).toEqual([0]);
    expect(run.commandLine).toBe('forge deploy --environment staging --non-interactive');

    const [call] = fake.calls();
    expect(call).toMatchObject({ argv: ['deploy', '--environment', 'staging', '--non-interactive'], cwd: app, tokenSet: true, email: LOGIN.email, token: LOGIN.token });
    const page = terminals.sentToPage(run.terminalId);
    expect(page).toContain('Deployed sample-app to the staging environment.');
    expect(page).toContain('debug: FORGE_API_TOKEN=[redacted]');
    for (const secret of loginSecrets(LOGIN)) expect(page).not.toContain(secret);
    expect(page).not.toContain(LOGIN.token.slice(0, 12));

    // A plain terminal of the same workbench, opened after the run: no login at all.
    const shell = terminals.sessions.open(app, terminalEnvironment({ PATH: pathValue, SHELL: '/bin/sh', FORGE_API_TOKEN: 'inherited-token-5555' }, null), { cols: 100, rows: 30 });
    terminals.sessions.write(shell, 'echo "token=[$FORGE_API_TOKEN] email=[$FORGE_EMAIL]"; exit 0\r');
    expect(await terminals.waitForExit(shell)).toBe(0);
    expect(terminals.sentToPage(shell)).toContain('token=[] email=[]');
  });

  it('shows a failing CLI’s error and exit status, and asks for a login before running anything', async () => {
    const app = sampleAppCopy();
    const fake = writeFakeForgeCli(scratchFolder());
    fake.behave({ fail: true });
    const terminals = recordedTerminals();
    const pathValue = [fake.binFolder, path.dirname(process.execPath)].join(path.delimiter);
    const run = await forgeCliFor(app, pathValue, terminals.sessions).run({ command: 'deploy', environment: 'development' }, { cols: 100, rows: 30 }, () => undefined);
    expect(await terminals.waitForExit(run.terminalId)).toBe(1);
    expect(terminals.sentToPage(run.terminalId)).toContain('Error: Deployment failed: the manifest is invalid');

    await expect(forgeCliFor(app, pathValue, terminals.sessions, null).run({ command: 'deploy', environment: 'development' }, { cols: 100, rows: 30 }, () => undefined)).rejects.toThrow(NO_LOGIN);
    expect(fake.calls()).toHaveLength(1);
  });

  it('names what it found: the path and forge --version, or npx and that it downloads the CLI', async () => {
    const app = sampleAppCopy();
    const fake = writeFakeForgeCli(scratchFolder());
    const terminals = recordedTerminals();
    const found = await forgeCliFor(app, [fake.binFolder, path.dirname(process.execPath)].join(path.delimiter), terminals.sessions).describe();
    expect(found).toEqual({
      kind: 'path',
      path: path.join(fake.binFolder, 'forge'),
      version: '13.3.0',
      description: `Forge CLI 13.3.0 at ${path.join(fake.binFolder, 'forge')}`,
      login: { email: LOGIN.email },
    });
    const npx = executable(path.join(scratchFolder(), 'npx'));
    const viaNpx = await forgeCliFor(app, path.dirname(npx), terminals.sessions, null).describe();
    expect(viaNpx).toMatchObject({ kind: 'npx', path: npx, version: null, login: null });
    expect(viaNpx.description).toContain('npm downloads it on the first run');
  });
});

describe('redacting the login from CLI output', () => {
  it('replaces the token and its Basic form even when a chunk ends halfway through one', () => {
    const redactor = secretRedactor(loginSecrets(LOGIN));
    const text = `a ${LOGIN.token} b ${Buffer.from(`${LOGIN.email}:${LOGIN.token}`).toString('base64')} c`;
    let shown = '';
    for (let index = 0; index < text.length; index += 5) shown += redactor.write(text.slice(index, index + 5));
    shown += redactor.end();
    expect(shown).toBe('a [redacted] b [redacted] c');
    const partial = secretRedactor([LOGIN.token]);
    expect(partial.write(`ends with ${LOGIN.token.slice(0, 6)}`)).toBe('ends with ');
    expect(partial.end()).toBe(LOGIN.token.slice(0, 6));
  });

  it('replaces the token in hex, JSON and inside any base64 blob, and a chunk boundary never changes what is shown', () => {
    const blob = Buffer.from(JSON.stringify({ user: LOGIN.email, apiToken: LOGIN.token })).toString('base64');
    const text = `hex ${Buffer.from(LOGIN.token).toString('hex')} json ${JSON.stringify({ t: LOGIN.token })} blob ${blob} basic ${Buffer.from(`${LOGIN.email}:${LOGIN.token}`).toString('base64')} end`;
    const whole = secretRedactor(loginSecrets(LOGIN));
    const once = whole.write(text) + whole.end();
    expect(once).not.toContain(Buffer.from(LOGIN.token).toString('hex'));
    expect(once).not.toContain(LOGIN.token);
    expect(once).toContain('basic [redacted] end');
    // The token's bits are gone from the blob: decoding what is shown finds no part of it longer than a few characters.
    const shownBlob = /blob (\S+) basic/.exec(once)![1]!;
    expect(shownBlob).toContain('[redacted]');
    for (const piece of shownBlob.split('[redacted]')) expect(Buffer.from(piece, 'base64').toString('latin1')).not.toContain(LOGIN.token.slice(0, 8));
    for (let size = 1; size <= 9; size++) {
      const chunked = secretRedactor(loginSecrets(LOGIN));
      let shown = '';
      for (let index = 0; index < text.length; index += size) shown += chunked.write(text.slice(index, index + size));
      expect(shown + chunked.end(), `chunks of ${size}`).toBe(once);
    }
  });
});

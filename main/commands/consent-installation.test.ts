import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli';
import { oneFunctionManifest, sampleCloudApp, scratchFolder, smallApp, STAND_IN_APP_ID, STAND_IN_LOGIN, standInLoginEnv, startForgePlatformStandIn, type ForgePlatformStandIn } from '../testing';
import type { CommandIO } from './command';

let standIn: ForgePlatformStandIn | null = null;
afterEach(async () => {
  vi.unstubAllEnvs();
  await standIn?.close();
  standIn = null;
});

/** The sample cloud app (staging's installation runs 4.2.0, which asks for read:jira-work), a local manifest that adds write:jira-work, and the login in the environment. */
async function setUp() {
  standIn = await startForgePlatformStandIn({ login: STAND_IN_LOGIN, app: sampleCloudApp() });
  const manifest = oneFunctionManifest()
    .replace('ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001', STAND_IN_APP_ID)
    .replace('  scopes: []', '  scopes:\n    - read:jira-work\n    - write:jira-work');
  const app = smallApp(manifest, 'export const main = () => 1;');
  for (const [name, value] of Object.entries(standInLoginEnv(standIn, scratchFolder()))) vi.stubEnv(name, value);
  return { app, dataDir: scratchFolder() };
}

async function consent(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (line) => out.push(line), err: (line) => err.push(line), untilInterrupted: () => new Promise(() => undefined) };
  const code = await runCli(['consent', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('anvil consent --installation', () => {
  it('compares the manifest with the version the installation on that site runs, read with the login', async () => {
    const { app, dataDir } = await setUp();
    const { code, out } = await consent([app, '--installation', 'acme-staging.atlassian.net', '--format', 'json', '--data-dir', dataDir]);
    expect(code).toBe(0);
    const preview = JSON.parse(out) as { upgrade: { major: boolean; reasons: string[] } };
    expect(preview.upgrade).toMatchObject({ major: true, reasons: ['adds the scope write:jira-work'] });
    expect(out).not.toContain(STAND_IN_LOGIN.token);
    // By its id too; the text names what it compared with.
    expect((await consent([app, '--installation', 'inst-1', '--data-dir', dataDir])).out).toContain('version 4.2.0 installed on acme-staging.atlassian.net (staging)');
  });

  it('names the installations there are when the site has none, and refuses a second base', async () => {
    const { app, dataDir } = await setUp();
    const unknown = await consent([app, '--installation', 'elsewhere.atlassian.net', '--data-dir', dataDir]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toMatch(/no installation on "elsewhere\.atlassian\.net".*acme-staging\.atlassian\.net \(staging, .*\): --installation inst-1/);
    const both = await consent([app, '--installation', 'inst-1', '--base', 'HEAD', '--data-dir', dataDir]);
    expect(both.code).not.toBe(0);
    expect(both.err).toContain('give one');
  });
});

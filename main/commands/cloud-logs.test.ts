import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli';
import {
  oneFunctionManifest,
  sampleCloudApp,
  sampleLogLines,
  scratchFolder,
  smallApp,
  STAGING_ENVIRONMENT_ID,
  STAND_IN_APP_ID,
  STAND_IN_LOGIN,
  standInLoginEnv,
  startForgePlatformStandIn,
  type ForgePlatformStandIn,
} from '../testing';
import type { CommandIO } from './command';

let standIn: ForgePlatformStandIn | null = null;
afterEach(async () => {
  vi.unstubAllEnvs();
  await standIn?.close();
  standIn = null;
});

/** Staging lines from a few minutes ago, one second apart, named `prefix N`. */
function recentLines(count: number, prefix: string, start = Date.now() - 5 * 60_000) {
  return sampleLogLines(count, STAGING_ENVIRONMENT_ID, start).map((line, index) => ({ ...line, invocationId: `${prefix}-invocation-${index}`, message: `${prefix} ${index}`, other: undefined }));
}

async function cloudSetUp(options: { token?: string; logs?: ReturnType<typeof recentLines> } = {}) {
  standIn = await startForgePlatformStandIn({ login: STAND_IN_LOGIN, app: sampleCloudApp(), logs: options.logs ?? [] });
  const app = smallApp(oneFunctionManifest().replace('app/00000000-0000-0000-0000-000000000001', STAND_IN_APP_ID.slice(STAND_IN_APP_ID.indexOf('app/'))), 'export const main = () => 1;');
  const dataDir = scratchFolder();
  for (const [name, value] of Object.entries(standInLoginEnv(standIn, scratchFolder(), options.token))) vi.stubEnv(name, value);
  return { standIn, app, dataDir };
}

/** The command's terminal; `interrupt()` is Ctrl+C. */
function terminal() {
  const out: string[] = [];
  const err: string[] = [];
  let interrupt: () => void = () => undefined;
  const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
  const io: CommandIO = { out: (line) => out.push(line), err: (line) => err.push(line), untilInterrupted: () => interrupted };
  return { io, out, err, interrupt: () => interrupt() };
}

/** Resolves once `condition` holds; the test's own time limit bounds it. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Every byte of the app's store (database and its journal), as text. */
function storeText(dataDir: string): string {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(dataDir);
  return files.map((file) => readFileSync(file).toString('latin1')).join('\n');
}

const messagesIn = (lines: string[]) => lines.map((line) => /(?:cloud|later|echo) \d+|calling with \S+ \S+/.exec(line)?.[0]).filter(Boolean);

describe('anvil logs --cloud', () => {
  it('--help documents --cloud and --follow', async () => {
    const help = terminal();
    expect(await runCli(['logs', '--help'], help.io)).toBe(0);
    expect(help.out.join('\n')).toMatch(/--cloud/);
    expect(help.out.join('\n')).toMatch(/Ctrl\+C/);
  });

  it('prints the last hour of the environment’s cloud lines like local ones and stores them once, however often it is run', async () => {
    const { app, dataDir } = await cloudSetUp({ logs: [...recentLines(3, 'cloud'), ...recentLines(1, 'stale', Date.now() - 3 * 3600_000)] });
    const first = terminal();
    expect(await runCli(['logs', app, '--env', 'staging', '--cloud', '--data-dir', dataDir], first.io)).toBe(0);
    expect(messagesIn(first.out)).toEqual(['cloud 0', 'cloud 1', 'cloud 2']);
    expect(first.out[0]).toMatch(/^\x1b\[36mINFO /);
    const again = terminal();
    expect(await runCli(['logs', app, '--env', 'staging', '--cloud', '--json', '--data-dir', dataDir], again.io)).toBe(0);
    const records = again.out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => [record.message, record.env, record.source, record.appVersion])).toEqual([
      ['cloud 0', 'cloud:staging', 'cloud', '4.2.0'],
      ['cloud 1', 'cloud:staging', 'cloud', '4.2.0'],
      ['cloud 2', 'cloud:staging', 'cloud', '4.2.0'],
    ]);
  });

  it('--follow prints the lines the platform serves, then each new one as it arrives, once, until Ctrl+C; the token is printed and stored nowhere', async () => {
    const { standIn, app, dataDir } = await cloudSetUp({ logs: recentLines(2, 'cloud') });
    // A platform that echoes the token in a line: redacted before it is printed or stored.
    standIn.state.logs.push({ ...recentLines(1, 'x', Date.now() - 4 * 60_000)[0]!, message: `calling with ${STAND_IN_LOGIN.token} token` });
    const terminalIO = terminal();
    const running = runCli(['logs', app, '--env', 'staging', '--cloud', '--follow', '--data-dir', dataDir], terminalIO.io);
    await until(() => messagesIn(terminalIO.out).length === 3);
    standIn.state.logs.push(...recentLines(2, 'later', Date.now() - 1000));
    await until(() => messagesIn(terminalIO.out).length === 5);
    terminalIO.interrupt();
    expect(await running).toBe(0);
    expect(messagesIn(terminalIO.out)).toEqual(['cloud 0', 'cloud 1', 'calling with [redacted: atlassian-account]', 'later 0', 'later 1']);
    expect(terminalIO.err.join('\n')).toContain('Following cloud logs.');
    const everything = [...terminalIO.out, ...terminalIO.err].join('\n');
    expect(everything).not.toContain(STAND_IN_LOGIN.token);
    expect(storeText(dataDir)).not.toContain(STAND_IN_LOGIN.token);
  });

  it('--follow says when the platform rate-limits it and how long it waits, then goes on', async () => {
    const { standIn, app, dataDir } = await cloudSetUp({ logs: recentLines(1, 'cloud') });
    standIn.failNext({ kind: 'status', status: 429, retryAfter: '1' });
    const terminalIO = terminal();
    const running = runCli(['logs', app, '--env', 'staging', '--cloud', '--follow', '--data-dir', dataDir], terminalIO.io);
    await until(() => messagesIn(terminalIO.out).length === 1);
    terminalIO.interrupt();
    expect(await running).toBe(0);
    expect(terminalIO.err[0]).toMatch(/Rate limited by the Forge platform: waiting 1 s/);
  });

  it('a refused token stops it with how to log in, without printing the token', async () => {
    const token = 'ATATT3xRefusedToken-99aa';
    const { app, dataDir } = await cloudSetUp({ token, logs: recentLines(1, 'cloud') });
    const followed = terminal();
    expect(await runCli(['logs', app, '--env', 'staging', '--cloud', '--follow', '--data-dir', dataDir], followed.io)).toBe(1);
    expect(followed.err.at(-1)).toMatch(/Stopped following cloud logs: .*forge login/);
    const once = terminal();
    expect(await runCli(['logs', app, '--env', 'staging', '--cloud', '--data-dir', dataDir], once.io)).toBe(2);
    expect(once.err.join('\n')).toMatch(/anvil: /);
    expect([...followed.out, ...followed.err, ...once.out, ...once.err].join('\n')).not.toContain(token);
  });
});

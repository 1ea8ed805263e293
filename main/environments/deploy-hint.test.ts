import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import type { CommandIO } from '../commands';
import { openAppDatabaseFor } from '../database';
import { defaultDataDir } from '../data-dir';
import { projectRoot } from '../project-root';
import { AppRunner } from '../runner';
import { sampleAppCopy, scratchFolder } from '../testing';
import { deployCommand } from './deploy-hint';
import { EnvironmentService } from './environment-service';

const open: { close: () => void }[] = [];
afterEach(() =>
  open
    .splice(0)
    .reverse()
    .forEach((item) => item.close()),
);

/** Split a command line the way a POSIX shell does for plain words, single quotes and backslashes. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index]!;
    if (char === "'") {
      const end = line.indexOf("'", index + 1);
      expect(end, `unclosed quote in ${line}`).toBeGreaterThan(index);
      word = (word ?? '') + line.slice(index + 1, end);
      index = end;
    } else if (char === '\\') {
      word = (word ?? '') + (line[index + 1] ?? '');
      index += 1;
    } else if (/\s/.test(char)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      expect('"$`;&|<>()*?~#'.includes(char), `${char} would mean something else to a shell in ${line}`).toBe(false);
      word = (word ?? '') + char;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (line) => out.push(line), err: (line) => err.push(line), untilInterrupted: () => Promise.resolve() };
  return { io, out, err };
}

describe('the "deploy first" message', () => {
  it('suggests the Deploy button and a command that deploys to the environment when run as printed', async () => {
    const folder = sampleAppCopy();
    const dataDir = scratchFolder();
    const db = openAppDatabaseFor(dataDir, folder);
    const late: { environments: EnvironmentService | null } = { environments: null };
    const runner = new AppRunner(folder, {
      db,
      dataDir,
      release: (environment, installation) => late.environments!.release(environment, installation),
      variables: (environment) => late.environments!.variables.values(environment),
    });
    const environments = new EnvironmentService(db, { set: async () => undefined, read: async () => '', delete: async () => undefined }, folder, () => runner, { dataDir });
    late.environments = environments;
    open.push({ close: () => db.close() }, runner);
    const radar = () => runner.run({ functionKey: 'getIssueRadar', resolverKeys: ['getIssueRadar'], environment: 'staging' });

    const refusal = await radar().then(
      () => null,
      (error: Error) => error.message,
    );
    expect(refusal).toMatch(/^staging runs only deployed versions/);
    expect(refusal).toContain('press Deploy locally in the Environments pane');
    const command = /or run (npm .+)$/.exec(refusal!)?.[1];
    expect(command, refusal!).toBeDefined();

    // npm, from any folder, runs Anvil's own `anvil` script; what follows `--` is what the CLI gets.
    const words = shellWords(command!);
    expect(words.slice(0, 6)).toEqual(['npm', '--prefix', projectRoot(), 'run', 'anvil', '--']);
    const printed = capture();
    expect(await runCli(words.slice(6), printed.io), printed.err.join('\n')).toBe(0);
    expect(printed.out.join('\n')).toContain('Deployed version 1.0 to staging.');

    // The workbench that printed the command now runs what it deployed.
    expect((await radar()).result).toMatchObject({ status: 'In Progress' });
  });

  it('approving before any deploy says how to deploy, in the same words', () => {
    const folder = sampleAppCopy();
    const db = openAppDatabaseFor(null, folder);
    open.push({ close: () => db.close() });
    const environments = new EnvironmentService(db, { set: async () => undefined, read: async () => '', delete: async () => undefined }, folder, () => {
      throw new Error('approving runs nothing');
    });
    expect(() => environments.approve('production', 'local-jira')).toThrow(
      `Nothing is deployed to production yet, so there is no version to approve. Deploy first: press Deploy locally in the Environments pane (with production chosen), or run ${deployCommand('production', folder, null)}`,
    );
  });

  it('quotes folders a shell would split, and names the data folder only when it is not the default', () => {
    const command = deployCommand('my env', "/tmp/Bob's apps/radar", '/tmp/anvil data');
    expect(shellWords(command).slice(6)).toEqual(['env', 'deploy', "/tmp/Bob's apps/radar", '--env', 'my env', '--data-dir', '/tmp/anvil data']);
    expect(deployCommand('staging', '/tmp/radar', defaultDataDir())).not.toContain('--data-dir');
    expect(deployCommand('staging', '/tmp/radar', null)).toBe(`npm --prefix ${projectRoot()} run anvil -- env deploy ${path.resolve('/tmp/radar')} --env staging`);
  });
});

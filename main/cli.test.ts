import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { COMMAND_USAGE, type CommandName } from './cli-usage';
import type { CommandIO } from './commands';
import { noisyApp, sampleAppCopy, scratchFolder } from './testing';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (line) => out.push(line), err: (line) => err.push(line), untilInterrupted: () => Promise.resolve() };
  return { io, out, err };
}

describe('the command line', () => {
  it('prints help and the version', async () => {
    const help = capture();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.out.join('\n')).toContain('serve [--port N] [--data-dir D] [--dev-renderer ORIGIN] [app-folder]');
    const version = capture();
    expect(await runCli(['--version'], version.io)).toBe(0);
    expect(version.out[0]).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("prints each command's own usage for `<command> --help`, `-h` and `help <command>`, and nothing else", async () => {
    const commands = Object.keys(COMMAND_USAGE) as CommandName[];
    expect(commands).toEqual(['serve', 'lint', 'explain', 'consent', 'vault', 'run', 'trigger', 'env', 'logs', 'webtrigger']);
    for (const command of commands) {
      // After the arguments too, and with options the command would otherwise refuse or act on.
      for (const argv of [
        [command, '--help'],
        [command, 'some-app', '-h'],
        ['help', command],
        [command, '--json', '--help'],
      ]) {
        const printed = capture();
        expect({ argv, code: await runCli(argv, printed.io) }).toEqual({ argv, code: 0 });
        expect(printed.err).toEqual([]);
        const text = printed.out.join('\n');
        expect(text.startsWith(`Usage: anvil ${command} `) || text.startsWith(`Usage: anvil ${command}\n`)).toBe(true);
        // Its own description, not another command's and not the whole list.
        expect(text).toContain(COMMAND_USAGE[command].split('\n')[1]!.trim());
        for (const other of commands.filter((name) => name !== command)) expect(text).not.toContain(`  ${COMMAND_USAGE[other].split('\n')[1]!.trim()}`);
      }
    }
  });

  it("takes `--help` as an option's value or after `--` as what it is, not as a request for help", async () => {
    const payload = capture();
    expect(await runCli(['run', 'no-such-app', 'fn', '--payload', '--help'], payload.io)).toBe(2);
    expect(payload.out.join('\n')).not.toContain('Usage:');
    expect(payload.err.join('\n')).toContain('--payload');
    const afterDashes = capture();
    expect(await runCli(['explain', '--', '--help'], afterDashes.io)).not.toBe(0);
    expect(afterDashes.out.join('\n')).not.toContain('Usage:');
    const badOption = capture();
    expect(await runCli(['lint', 'some-app', '--colour'], badOption.io)).toBe(2);
    expect(badOption.err[0]).toContain('npm run anvil -- lint --help');
  });

  it('names an unknown command or a bad option and how to get help', async () => {
    const unknown = capture();
    expect(await runCli(['deploy'], unknown.io)).toBe(2);
    expect(unknown.err[0]).toContain('Unknown command "deploy"');
    const badPort = capture();
    expect(await runCli(['serve', '--port', 'eighty'], badPort.io)).toBe(2);
    expect(badPort.err[0]).toContain('--port must be a whole number');
    const badOption = capture();
    expect(await runCli(['serve', '--colour'], badOption.io)).toBe(2);
    expect(badOption.err[0]).toContain('--colour');
  });

  it('serve says why it cannot open a folder', async () => {
    const run = capture();
    const notAnApp = scratchFolder();
    expect(await runCli(['serve', '--data-dir', scratchFolder(), notAnApp], run.io)).toBe(2);
    expect(run.err[0]).toContain('has no manifest.yml');
  });

  it('run prints the invocation as JSON in the documented shape, on the installation asked for', async () => {
    const app = sampleAppCopy();
    const run = capture();
    expect(await runCli(['run', app, 'getIssueRadar', '--json', '--data-dir', scratchFolder()], run.io)).toBe(0);
    const outcome = JSON.parse(run.out.at(-1)!) as Record<string, unknown>;
    expect(Object.keys(outcome)).toEqual(['invocationId', 'status', 'result', 'error', 'durationMs', 'logs', 'calls']);
    expect(outcome).toMatchObject({ status: 'ok', result: { key: 'DEMO-1' } });
    expect(outcome.calls).toContainEqual(expect.objectContaining({ kind: 'product', method: 'GET', allowed: true }));

    const unknown = capture();
    expect(await runCli(['run', app, 'getIssueRadar', '--installation', 'acme', '--data-dir', scratchFolder()], unknown.io)).toBe(2);
    expect(unknown.err[0]).toContain('No installation named "acme" in development; use one of local-jira');
  });

  it('trigger delivers a product event from its template, and says which scope is missing once it is removed', async () => {
    const app = sampleAppCopy();
    const fired = capture();
    expect(await runCli(['trigger', app, 'issue-created-listener', '--json', '--data-dir', scratchFolder()], fired.io)).toBe(0);
    expect(JSON.parse(fired.out.at(-1)!)).toEqual([expect.objectContaining({ moduleKey: 'issue-created-listener', delivered: true, outcome: expect.objectContaining({ status: 'ok' }) })]);

    const manifest = path.join(app, 'manifest.yml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('    - read:jira-work\n', ''));
    const refused = capture();
    expect(await runCli(['trigger', app, 'issue-created-listener', '--data-dir', scratchFolder()], refused.io)).toBe(1);
    expect(refused.out.join('\n')).toMatch(/NOT DELIVERED avi:jira:created:issue to issue-created-listener: .*read:jira-work/);
  });

  it('webtrigger prints each web trigger URL with a curl line', async () => {
    const served = capture();
    expect(await runCli(['webtrigger', sampleAppCopy(), '--data-dir', scratchFolder()], served.io)).toBe(0);
    expect(served.out.join('\n')).toMatch(/deployment-webhook \(local-jira, development\): http:\/\/127\.0\.0\.1:\d+\/x1\/\S+\n {2}curl -i -X POST/);
  });

  it('env deploys a version and keeps variables; logs prints what a run wrote', async () => {
    const app = noisyApp();
    const dataDir = scratchFolder();
    const cli = async (...args: string[]) => {
      const io = capture();
      const code = await runCli([...args, '--data-dir', dataDir], io.io);
      return { code, out: io.out.join('\n'), err: io.err.join('\n') };
    };
    expect(await cli('env', 'deploy', app, '--env', 'production')).toMatchObject({ code: 0, out: expect.stringContaining('Deployed version 1.0 to production.') });
    expect((await cli('env', 'list', app)).out).toMatch(/production\s+production\s+version 1.0/);
    expect((await cli('env', 'var', 'set', app, 'REGION', 'eu-west')).code).toBe(0);
    expect((await cli('env', 'var', 'list', app)).out).toBe('REGION=eu-west');
    expect((await cli('env', 'var', 'set', app, 'API_KEY', 'typed-secret', '--secret')).err).toContain('read from standard input');

    expect((await cli('run', app, 'noisy', '--payload', '{"issue":"DEMO-4"}')).code).toBe(0);
    const printed = await cli('logs', app, '--level', 'warn', '--json');
    expect(printed.out.split('\n').map((line) => (JSON.parse(line) as { level: string; message: string }).message)).toEqual(['slow answer from Jira', 'token was undefined']);
    expect((await cli('logs', app, '--since', 'yesterday-ish')).err).toContain('--since');
  });
});

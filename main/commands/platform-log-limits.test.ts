import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { AppRunner } from '../runner';
import { capturedIO, scratchFolder, smallApp } from '../testing';

const manifest = (timeout: string) => `
modules:
  function:
    - key: chatty
      handler: index.chatty
${timeout}
permissions:
  scopes: []
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001
  runtime:
    name: nodejs22.x
`;

interface StoredJson {
  message: string;
  level: string;
  platformDrop?: string;
}

async function storedLines(app: string, dataDir: string, ...extra: string[]): Promise<StoredJson[]> {
  const logs = capturedIO();
  expect(await runCli(['logs', app, '--json', '--limit', '5000', '--data-dir', dataDir, ...extra], logs.io)).toBe(0);
  return logs.out.map((line) => JSON.parse(line) as StoredJson);
}

describe('the lines a deployed function would lose', () => {
  it('a function that logs 150 lines: all are kept, the 50 past the platform\u2019s 100 are marked, and one notice says so', async () => {
    const app = smallApp(manifest(''), 'export async function chatty() { for (let i = 1; i <= 150; i++) console.log("step " + i); return "done"; }\n');
    const dataDir = scratchFolder();
    const run = capturedIO();
    expect(await runCli(['run', app, 'chatty', '--data-dir', dataDir], run.io)).toBe(0);
    // The command line dims and marks them as they happen.
    expect(run.out.filter((line) => line.includes('[platform drops]'))).toHaveLength(50);
    expect(run.out.find((line) => line.includes('step 101'))).toContain('[platform drops]');
    expect(run.out.find((line) => line.includes('step 100'))).not.toContain('[platform drops]');
    expect(run.out.filter((line) => line.includes('The platform would drop'))).toEqual([
      expect.stringContaining("The platform would drop 50 of this invocation's 150 log lines: it keeps 100 log lines per invocation"),
    ]);

    const stored = await storedLines(app, dataDir);
    const steps = stored.filter((line) => line.message.startsWith('step '));
    expect(steps).toHaveLength(150);
    expect(steps.filter((line) => line.platformDrop === 'lines').map((line) => line.message)).toEqual(Array.from({ length: 50 }, (_, i) => `step ${101 + i}`));
    const notices = stored.filter((line) => line.message.startsWith('The platform would drop'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ level: 'warn' });
    expect(notices[0]!.platformDrop).toBeUndefined();

    // `anvil logs` filters either way.
    expect((await storedLines(app, dataDir, '--platform', 'dropped')).map((line) => line.message)).toEqual(steps.slice(100).map((line) => line.message));
    expect(await storedLines(app, dataDir, '--platform', 'kept')).toHaveLength(stored.length - 50);
    const bad = capturedIO();
    expect(await runCli(['logs', app, '--platform', 'maybe', '--data-dir', dataDir], bad.io)).not.toBe(0);
    expect(bad.err.join('\n')).toMatch(/--platform maybe is not a choice; use kept .* or dropped/);
  }, 60_000);

  it('a consumer\u2019s function with timeoutSeconds 90 keeps 200 lines', async () => {
    const app = smallApp(
      manifest('      timeoutSeconds: 90').replace('permissions:', '  consumer:\n    - key: work\n      queue: work-queue\n      function: chatty\npermissions:'),
      'export async function chatty() { for (let i = 1; i <= 250; i++) console.log("step " + i); return "done"; }\n',
    );
    const runner = new AppRunner(app, { dataDir: null });
    try {
      const outcome = await runner.run({ functionKey: 'chatty', moduleKey: 'work', payload: { body: {} } });
      expect(outcome.status).toBe('ok');
      expect(outcome.logs.filter((line) => line.platformDrop === 'lines').map((line) => line.message)).toEqual(Array.from({ length: 50 }, (_, i) => `step ${201 + i}`));
      expect(outcome.logs.at(-1)!.message).toMatch(
        /^The platform would drop 50 of this invocation's 250 log lines: it keeps 200 log lines per invocation \(100 per runtime minute of the function's 90 s timeout, rounded up\)/,
      );
    } finally {
      runner.close();
    }
  }, 60_000);

  it('a function that logs 300 KB: the lines past 200 KB are kept, marked, and the notice names the size limit', async () => {
    const app = smallApp(manifest(''), 'export async function chatty() { const block = "k".repeat(10 * 1024); for (let i = 1; i <= 30; i++) console.log(i + " " + block); return "done"; }\n');
    const dataDir = scratchFolder();
    const run = capturedIO();
    expect(await runCli(['run', app, 'chatty', '--json', '--data-dir', dataDir], run.io)).toBe(0);
    const outcome = JSON.parse(run.out.at(-1)!) as { logs: StoredJson[] };
    expect(outcome.logs.filter((line) => line.platformDrop === 'size').length).toBeGreaterThanOrEqual(10);

    const stored = await storedLines(app, dataDir);
    const blocks = stored.filter((line) => /^\d+ k/.test(line.message));
    // All 300 KB are kept locally.
    expect(blocks).toHaveLength(30);
    const marked = blocks.filter((line) => line.platformDrop === 'size');
    const keptBytes = blocks.filter((line) => !line.platformDrop).reduce((total, line) => total + Buffer.byteLength(line.message), 0);
    expect(keptBytes).toBeLessThanOrEqual(200 * 1024);
    expect(keptBytes + Buffer.byteLength(marked[0]!.message)).toBeGreaterThan(200 * 1024);
    expect(stored.filter((line) => line.message.startsWith('The platform would drop'))).toEqual([
      expect.objectContaining({
        message: `The platform would drop ${marked.length} of this invocation's 30 log lines: it keeps 200 KB of log data per invocation. Anvil kept them and marks each one "platform drops".`,
      }),
    ]);
  }, 60_000);
});

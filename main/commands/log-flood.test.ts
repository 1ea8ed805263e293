import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { MAX_INVOCATION_LOG_BYTES } from '../logs';
import { capturedIO, scratchFolder, smallApp } from '../testing';

const MANIFEST = `
modules:
  scheduledTrigger:
    - key: nightly
      function: flood
      interval: day
  function:
    - key: flood
      handler: index.flood
      # A scheduled trigger's function may run for up to 900 s: the flood is about volume, never about
      # whether a loaded machine writes 100,000 lines inside the usual 25 s.
      timeoutSeconds: 600
permissions:
  scopes: []
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001
  runtime:
    name: nodejs22.x
`;

describe('an app that floods its logs', () => {
  it('a 50 MB line (twelve times) and 100,000 lines: run keeps going, keeps at most Anvil\u2019s 2 MB, and says what the platform would drop', async () => {
    // Twelve 50 MB lines are more than V8's longest string once joined: this ended the command before.
    const app = smallApp(
      MANIFEST,
      'export async function flood() { const big = "x".repeat(50e6); for (let i = 0; i < 12; i++) console.log(big); for (let i = 0; i < 100000; i++) console.log("line " + i); return "done"; }\n',
    );
    const dataDir = scratchFolder();
    const run = capturedIO();
    expect(await runCli(['run', app, 'flood', '--json', '--data-dir', dataDir], run.io)).toBe(0);
    const outcome = JSON.parse(run.out.at(-1)!) as { status: string; result: unknown; logs: { level: string; message: string }[] };
    expect(outcome).toMatchObject({ status: 'ok', result: 'done' });
    const kept = outcome.logs.reduce((total, line) => total + Buffer.byteLength(line.message) + 1, 0);
    expect(kept).toBeLessThanOrEqual(MAX_INVOCATION_LOG_BYTES + 1024);
    expect(outcome.logs.at(-1)).toEqual({
      level: 'warn',
      message: expect.stringMatching(/^The platform would drop [\d,]+ of this invocation's [\d,]+ log lines: it keeps [\d,]+ log lines per invocation .* and 200 KB of log data per invocation\./),
    });

    // What was stored is capped too, and what the platform would drop is in the logs for everyone who reads them later.
    const logs = capturedIO();
    expect(await runCli(['logs', app, '--json', '--limit', '5000', '--data-dir', dataDir], logs.io)).toBe(0);
    const stored = logs.out.map((line) => (JSON.parse(line) as { message: string }).message);
    expect(stored.reduce((total, message) => total + Buffer.byteLength(message) + 1, 0)).toBeLessThanOrEqual(MAX_INVOCATION_LOG_BYTES + 1024);
    expect(stored.at(-1)).toMatch(/^The platform would drop [\d,]+ of this invocation's/);
    // The 50 MB lines are the oldest; how many short lines follow them depends on how fast the
    // function ran, so they are looked up by their text rather than by position.
    const cut = capturedIO();
    expect(await runCli(['logs', app, '--json', '--grep', 'of this line cut', '--data-dir', dataDir], cut.io)).toBe(0);
    const cutLines = cut.out.map((line) => (JSON.parse(line) as { message: string }).message);
    expect(cutLines.length).toBeGreaterThan(0);
    for (const message of cutLines) expect(message).toMatch(/^x+[^x].*KB of this line cut/s);
  }, 180_000);
});

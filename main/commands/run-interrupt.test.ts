import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { scratchFolder, smallApp } from '../testing';
import type { CommandIO } from './command';

const MANIFEST = `
modules:
  function:
    - key: spin
      handler: index.spin
      timeoutSeconds: 900
permissions:
  scopes: []
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000016
  runtime:
    name: nodejs22.x
`;
const SOURCE = 'export async function spin() {\n  console.log("spinning");\n  for (;;) {}\n}\n';

describe('Ctrl+C during anvil run', () => {
  it('stops the invocation, prints it as stopped by the developer, logs it, and exits 130', async () => {
    const app = smallApp(MANIFEST, SOURCE);
    const dataDir = scratchFolder();
    const out: string[] = [];
    let interrupt: (() => void) | null = null;
    let listening = false;
    const io: CommandIO = {
      out: (line) => {
        out.push(line);
        // Ctrl+C once the function is inside its endless loop.
        if (line.includes('spinning')) interrupt?.();
      },
      err: (line) => out.push(line),
      untilInterrupted: () => Promise.resolve(),
      onInterrupt: (stop) => {
        interrupt = stop;
        listening = true;
        return () => {
          listening = false;
        };
      },
    };
    expect(await runCli(['run', app, 'spin', '--data-dir', dataDir], io)).toBe(130);
    expect(out.join('\n')).toMatch(/stopped in \d+ ms: Stopped by the developer/);
    // Ctrl+C is the shell's again once the run is over.
    expect(listening).toBe(false);

    const logs: string[] = [];
    expect(await runCli(['logs', app, '--data-dir', dataDir], { ...io, out: (line) => logs.push(line), onInterrupt: undefined })).toBe(0);
    expect(logs.join('\n')).toContain('Stopped by the developer');
  });
});

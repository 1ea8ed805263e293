import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataFolder } from '../app';
import { runCli } from '../cli';
import { capturedIO, sampleAppCopy, scratchFolder } from '../testing';

async function lintOutput(args: string[]): Promise<{ code: number; out: string[] }> {
  const text = capturedIO();
  const code = await runCli(['lint', ...args], text.io);
  return { code, out: text.out };
}

describe('anvil lint and its scan cache', () => {
  it('keeps the scan under --data-dir and prints the same report when run again, and after a change only the change', async () => {
    const app = sampleAppCopy();
    const dataDir = scratchFolder();
    const first = await lintOutput([app, '--data-dir', dataDir, '--json']);
    const cache = path.join(appDataFolder(dataDir, app), 'source-scan.json');
    expect(existsSync(cache)).toBe(true);
    expect(readFileSync(cache, 'utf8')).toContain('"src/index.js"');
    const second = await lintOutput([app, '--data-dir', dataDir, '--json']);
    expect(second).toEqual(first);
    const index = path.join(app, 'src', 'index.js');
    writeFileSync(index, readFileSync(index, 'utf8').replaceAll('api.github.com', 'api.gitlab.com'));
    const changed = JSON.parse((await lintOutput([app, '--data-dir', dataDir, '--json'])).out.join('')) as { egress: { used: string[] } };
    expect(changed.egress.used).toEqual(['api.gitlab.com']);
  }, 60_000);

  it('still lints when the data folder cannot be written', async () => {
    const app = sampleAppCopy();
    const fresh = await lintOutput([app, '--data-dir', scratchFolder()]);
    // A file where the data folder should be: the cache can be neither read nor written.
    const blocked = path.join(scratchFolder(), 'not-a-folder');
    writeFileSync(blocked, 'x');
    const result = await lintOutput([app, '--data-dir', blocked]);
    expect(result).toEqual(fresh);
    expect(result.out.at(-1)).toContain('3 source file(s) scanned');
  }, 60_000);
});

import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataFolder } from '../app';
import { runCli } from '../cli';
import { APP_DATABASE_FILE, openAppDatabaseFor } from '../database';
import { LogStore, Redactor } from '../logs';
import { capturedIO, scratchFolder, smallApp } from '../testing';

const MANIFEST = `
modules:
  function:
    - key: hello
      handler: index.hello
permissions:
  scopes: []
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001
  runtime:
    name: nodejs22.x
`;

/** An app whose database holds some log lines, and where that database is. */
function appWithLogs(): { app: string; dataDir: string; file: string } {
  const app = smallApp(MANIFEST, 'export async function hello() { return "hi"; }\n');
  const dataDir = scratchFolder();
  const db = openAppDatabaseFor(dataDir, app);
  const store = new LogStore(db, { redactor: new Redactor() });
  store.append(
    Array.from({ length: 3000 }, (_, i) => ({
      ts: Date.now(),
      environment: 'development',
      level: 'info' as const,
      message: `line ${i} ${'q'.repeat(300)}`,
      invocationId: 'inv',
      functionKey: 'hello',
      moduleKey: null,
      installation: null,
    })),
  );
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { app, dataDir, file: path.join(appDataFolder(dataDir, app), APP_DATABASE_FILE) };
}

describe('the command line with a broken app database', () => {
  it('logs on a damaged database: names the file and says to move it aside, no stack trace, file untouched', async () => {
    const { app, dataDir, file } = appWithLogs();
    const bytes = readFileSync(file);
    for (let offset = Math.floor(bytes.length / 8192) * 4096; offset < bytes.length - 4096; offset += 1) bytes[offset] = (offset * 31) & 0xff;
    writeFileSync(file, bytes);
    const logs = capturedIO();
    expect(await runCli(['logs', app, '--limit', '5000', '--data-dir', dataDir], logs.io)).toBe(2);
    expect(logs.err).toEqual([
      `anvil: The app database ${file} is damaged (database disk image is malformed). Anvil leaves it untouched: move the file aside (Anvil then starts a new one) or restore it from a backup.`,
    ]);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('run on a read-only database: names the file and the permissions to check, no stack trace', async () => {
    const { app, dataDir, file } = appWithLogs();
    const root = process.getuid?.() === 0;
    if (root) execFileSync('chattr', ['+i', file]);
    else chmodSync(file, 0o444);
    try {
      const run = capturedIO();
      expect(await runCli(['run', app, 'hello', '--data-dir', dataDir], run.io)).toBe(2);
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toMatch(new RegExp(`^anvil: The app database ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} cannot be written: the file or its folder is read-only .*Check the permissions`));
    } finally {
      if (root) execFileSync('chattr', ['-i', file]);
      else chmodSync(file, 0o644);
    }
  });
});

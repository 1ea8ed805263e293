import { fork } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../database';
import { projectRoot } from '../project-root';
import { scratchFolder } from '../testing';
import { LogStore } from './log-store';
import { Redactor } from './redactor';

const BURST = 100_000;
const BATCH = 500;
const KILL_AFTER = 20_000;

// The child runs the real store on the real database code (bundled from these sources), acknowledging
// each committed batch, and stays alive after the burst so the kill always finds it.
const CHILD_SOURCE = `
import { openAppDatabase } from '../database';
import { LogStore } from './log-store';
import { Redactor } from './redactor';

const [file, burst, batch] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const store = new LogStore(openAppDatabase(file), { redactor: new Redactor() });
for (let start = 0; start < burst; start += batch) {
  const lines = [];
  for (let index = start; index < start + batch; index += 1) {
    lines.push({
      ts: Date.now(), environment: 'development', level: index % 10 === 0 ? 'error' : 'log',
      message: 'burst line ' + index + ' fetching issue PROJ-' + (index % 997) + ' for user ' + (index % 31),
      invocationId: 'inv-' + Math.floor(index / 50), functionKey: 'resolver', moduleKey: 'issue-panel', installation: 'jira',
      fields: index % 7 === 0 ? { attempt: index % 3 } : undefined,
    });
  }
  store.append(lines);
  process.send({ acknowledged: start + batch });
  // Let the acknowledgement out before the next batch.
  await new Promise((resolve) => setImmediate(resolve));
}
process.send({ done: true });
setInterval(() => {}, 60_000);
`;

async function buildChild(folder: string): Promise<string> {
  const outfile = path.join(folder, 'burst-child.mjs');
  await build({
    stdin: { contents: CHILD_SOURCE, resolveDir: path.dirname(fileURLToPath(import.meta.url)), loader: 'ts', sourcefile: 'burst-child.ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  // Packages stay external (better-sqlite3 is native): the bundle finds them through this link.
  symlinkSync(path.join(projectRoot(), 'node_modules'), path.join(folder, 'node_modules'), 'dir');
  return outfile;
}

describe('the log store under a crash', () => {
  it('keeps every acknowledged batch and a consistent index when its process is killed mid-burst', async () => {
    const folder = scratchFolder();
    const file = path.join(folder, 'anvil.db');
    const child = fork(await buildChild(folder), [file, String(BURST), String(BATCH)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    let acknowledged = 0;
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('message', (message: { acknowledged?: number }) => {
        acknowledged = Math.max(acknowledged, message.acknowledged ?? 0);
        if (acknowledged >= KILL_AFTER && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    expect(stderr).toBe('');
    expect(exit.signal).toBe('SIGKILL');
    expect(acknowledged).toBeGreaterThanOrEqual(KILL_AFTER);

    const db = openAppDatabase(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // External content: checks the full-text index against the stored lines, entry by entry.
    expect(() => db.prepare("INSERT INTO log_line_fts (log_line_fts) VALUES ('integrity-check')").run()).not.toThrow();
    const { count, maxId } = db.prepare('SELECT count(*) AS count, max(id) AS maxId FROM log_line').get() as { count: number; maxId: number };
    expect(count).toBeGreaterThanOrEqual(acknowledged);
    // Batches are whole or absent: no half batch, no hole in the ids.
    expect(count % BATCH).toBe(0);
    expect(maxId).toBe(count);
    const store = new LogStore(db, { redactor: new Redactor() });
    expect((db.prepare("SELECT count(*) AS n FROM log_line_fts WHERE log_line_fts MATCH 'burst'").get() as { n: number }).n).toBe(count);
    expect(store.query({ text: 'PROJ-5', limit: 1 }).lines).toHaveLength(1);
    // The store carries on where the killed one stopped.
    expect(
      store.append([{ ts: Date.now(), environment: 'development', level: 'log', message: 'after the crash', invocationId: null, functionKey: null, moduleKey: null, installation: null }])[0]!.id,
    ).toBe(count + 1);
    db.close();
  }, 180_000);
});

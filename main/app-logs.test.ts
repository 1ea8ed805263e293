import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../common/types';
import { AppLogs } from './app-logs';
import { openAppDatabase, type AppDatabase } from './database';
import type { InvocationOrigin, RunOutcome } from './runner';
import { scratchFolder } from './testing';

const origin = (invocationId: string): InvocationOrigin => ({
  invocationId,
  environment: 'development',
  functionKey: 'resolver',
  moduleKey: 'issue-panel',
  installation: 'local-jira',
  startedAt: Date.now(),
});

function logsOn(db: AppDatabase) {
  const problems: string[] = [];
  const shown: LogLine[] = [];
  const logs = new AppLogs(db, { logAccess: () => true, onStored: (_environment, lines) => shown.push(...lines), onProblem: (message) => problems.push(message) });
  return { logs, problems, shown };
}

/** One turn of the event loop: the queued flush has run (and, before the fix, thrown out of it). */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** No new page can be added to the database, exactly as when the disk is full. */
function fillDisk(db: AppDatabase): void {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
}

describe('the app logs when the database cannot be written', () => {
  it('a full disk: the flush says what happened, the file and the fix, keeps what was stored, and stores the held lines once there is room', async () => {
    const file = path.join(scratchFolder(), 'anvil.db');
    const db = openAppDatabase(file);
    const { logs, problems } = logsOn(db);
    logs.invocation(origin('before'), null);
    for (let i = 0; i < 20; i++) logs.line(origin('before'), 'info', `stored before ${i}`);
    await nextTurn();
    expect(logs.query({ environment: 'development', limit: 100 }).lines).toHaveLength(20);

    fillDisk(db);
    logs.invocation(origin('during'), null);
    for (let i = 0; i < 2000; i++) logs.line(origin('during'), 'info', `held ${i} ${'z'.repeat(500)}`);
    await nextTurn();
    await nextTurn();
    expect(problems[0]).toBe(
      `Log lines are held and not stored yet: The app database ${file} could not be written: the disk is full. Free disk space; Anvil keeps working and writes again once there is room.`,
    );
    // The workbench keeps answering, and every line stored before is still there.
    const page = logs.query({ environment: 'development', limit: 100 });
    expect(page.lines.map((line) => line.message)).toEqual(Array.from({ length: 20 }, (_, i) => `stored before ${19 - i}`));
    logs.invocation(origin('during'), { status: 'ok', durationMs: 5, error: null, calls: [], result: 'fine' } as unknown as RunOutcome);

    db.pragma('max_page_count = 1073741823');
    logs.flush();
    expect(problems.at(-1)).toBe(`The app database ${file} is written again; the log lines held meanwhile are stored.`);
    expect(logs.query({ environment: 'development', invocationId: 'during', limit: 5000 }).lines).toHaveLength(2000);
    expect(logs.timeline('during')?.summary).toMatchObject({ status: 'ok', durationMs: 5 });
    logs.close();
    db.close();
  });

  it('past the lines it can hold, counts the rest and says so in the logs once it can write again', async () => {
    const db = openAppDatabase(path.join(scratchFolder(), 'anvil.db'));
    const { logs } = logsOn(db);
    fillDisk(db);
    for (let i = 0; i < 25_000; i++) logs.line(origin('flood'), 'log', `line ${i}`);
    await nextTurn();
    db.pragma('max_page_count = 1073741823');
    logs.flush();
    const stored = logs.query({ environment: 'development', limit: 5000 });
    expect(stored.lines[0]!.message).toBe('Anvil could not store 5000 log lines while the app database could not be written; the lines before and after them are kept.');
    expect(logs.query({ environment: 'development', text: '"line 19999"' }).lines).toHaveLength(1);
    logs.close();
    db.close();
  });

  it('a damaged database: a query names the file and says to move it aside, and the file is left as it was', () => {
    const file = path.join(scratchFolder(), 'anvil.db');
    const db = openAppDatabase(file);
    const { logs } = logsOn(db);
    for (let i = 0; i < 3000; i++) logs.line(origin('old'), 'info', `line ${i} ${'q'.repeat(300)}`);
    logs.close();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    // Pages of the log tables, far past the schema: the file still opens, and a query meets the damage.
    for (let offset = Math.floor(bytes.length / 8192) * 4096; offset < bytes.length - 4096; offset += 1) bytes[offset] = (offset * 31) & 0xff;
    writeFileSync(file, bytes);

    const reopened = openAppDatabase(file);
    const damaged = logsOn(reopened);
    expect(() => damaged.logs.query({ environment: 'development', limit: 5000 })).toThrow(`The app database ${file} is damaged`);
    expect(() => damaged.logs.query({ environment: 'development', limit: 5000 })).toThrow(/Anvil leaves it untouched: move the file aside \(Anvil then starts a new one\)/);
    damaged.logs.close();
    reopened.close();
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe('the live view and lines another process writes', () => {
  /** Wait for a condition the follower's timer makes true; generous, never a fixed sleep. */
  async function until(condition: () => boolean): Promise<void> {
    for (let waited = 0; !condition(); waited += 10) {
      if (waited > 10_000) throw new Error('timed out waiting for the follower');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('shows lines stored by another process (anvil run in a terminal) without a reload, and its own lines once', async () => {
    const file = path.join(scratchFolder(), 'anvil.db');
    const workbenchDb = openAppDatabase(file);
    const shown: LogLine[] = [];
    const workbench = new AppLogs(workbenchDb, { logAccess: () => true, onStored: (_environment, lines) => shown.push(...lines), followOthers: true, followIntervalMs: 20 });
    const terminalDb = openAppDatabase(file);
    const terminal = new AppLogs(terminalDb, { logAccess: () => true, onStored: () => undefined });

    workbench.line(origin('in-workbench'), 'info', 'from the workbench');
    await nextTurn();
    terminal.line(origin('in-terminal'), 'warn', 'from anvil run');
    await nextTurn();
    await until(() => shown.some((line) => line.message === 'from anvil run'));
    workbench.line(origin('in-workbench'), 'info', 'from the workbench again');
    await nextTurn();
    terminal.line(origin('in-terminal'), 'error', 'anvil run failed');
    await nextTurn();
    await until(() => shown.some((line) => line.message === 'anvil run failed'));

    expect(shown.map((line) => line.message)).toEqual(['from the workbench', 'from anvil run', 'from the workbench again', 'anvil run failed']);
    expect(shown.find((line) => line.message === 'anvil run failed')).toMatchObject({ level: 'error', environment: 'development', invocationId: 'in-terminal' });
    workbench.close();
    terminal.close();
    workbenchDb.close();
    terminalDb.close();
  });
});

import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openAppDatabase } from '../database';
import { scratchFolder } from '../testing';
import { followDatabase } from './follow-database';
import { LogStore } from './log-store';
import { Redactor } from './redactor';
import type { LogLineInput, StoredLogLine } from './types';

function line(message: string, overrides: Partial<LogLineInput> = {}): LogLineInput {
  return { ts: Date.UTC(2025, 10, 28), environment: 'development', level: 'log', message, invocationId: 'inv-1', functionKey: 'resolver', moduleKey: null, installation: 'jira', ...overrides };
}

describe('following the database from another connection', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  function writer() {
    const file = path.join(scratchFolder(), 'anvil.db');
    const db = openAppDatabase(file);
    return { file, db, store: new LogStore(db, { redactor: new Redactor() }) };
  }

  it('delivers lines committed by the writer after it started, oldest first, filtered', () => {
    const { file, db, store } = writer();
    store.append([line('already there', { level: 'error' })]);
    const seen: string[][] = [];
    const stop = followDatabase(file, { minLevel: 'warn' }, (lines) => seen.push(lines.map((l) => l.message)), 100);

    vi.advanceTimersByTime(100);
    expect(seen).toEqual([]);
    store.append([line('quiet'), line('first problem', { level: 'warn' }), line('second problem', { level: 'error' })]);
    vi.advanceTimersByTime(100);
    expect(seen).toEqual([['first problem', 'second problem']]);
    store.append([line('only quiet lines')]);
    vi.advanceTimersByTime(100);
    store.append([line('third problem', { level: 'error' })]);
    vi.advanceTimersByTime(100);
    expect(seen).toEqual([['first problem', 'second problem'], ['third problem']]);

    stop();
    store.append([line('after stop', { level: 'error' })]);
    vi.advanceTimersByTime(500);
    expect(seen).toHaveLength(2);
    db.close();
  });

  it('follows full-text matches and can start after a given id', () => {
    const { file, db, store } = writer();
    store.append([line('deploy one'), line('other'), line('deploy two')]);
    const seen: StoredLogLine[] = [];
    const reader = new Database(file, { readonly: true });
    const stop = followDatabase(reader, { text: 'deploy', afterId: 1 }, (lines) => seen.push(...lines), 50);
    vi.advanceTimersByTime(50);
    expect(seen.map((l) => [l.id, l.message])).toEqual([[3, 'deploy two']]);
    store.append([line('deploy three')]);
    vi.advanceTimersByTime(50);
    expect(seen.map((l) => l.message)).toEqual(['deploy two', 'deploy three']);
    stop();
    // A connection passed in stays open: it belongs to the caller.
    expect(reader.open).toBe(true);
    reader.close();
    db.close();
  });

  it('says clearly when there is no database or no logs in it', () => {
    const folder = scratchFolder();
    expect(() => followDatabase(path.join(folder, 'missing.db'), {}, () => {})).toThrow(/Cannot read the logs in .*missing\.db.*Open the app in Anvil once/);
    const bare = path.join(folder, 'bare.db');
    new Database(bare).close();
    expect(() => followDatabase(bare, {}, () => {})).toThrow(/has no logs yet/);
    expect(() => followDatabase(bare, {}, () => {}, 0)).toThrow(/interval must be at least 10 ms/);
  });

  it('stops and reports when reading fails', () => {
    const { db, store } = writer();
    const failing = openAppDatabase(null);
    const errors: unknown[] = [];
    const stop = followDatabase(
      failing,
      {},
      () => {},
      50,
      (error) => errors.push(error),
    );
    failing.close();
    vi.advanceTimersByTime(200);
    expect(errors).toHaveLength(1);
    stop();
    store.append([line('still writable')]);
    db.close();
  });
});

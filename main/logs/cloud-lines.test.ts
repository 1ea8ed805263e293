import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../database';
import { MIGRATIONS } from '../database/migrations';
import { scratchFolder } from '../testing';
import { cloudEnvironment, cloudLogInput, cloudMessage } from './cloud-lines';
import { LogStore } from './log-store';
import { Redactor } from './redactor';

const T0 = Date.UTC(2026, 11, 1, 12);
/** The schema before cloud lines (migration 7). */
const BEFORE_CLOUD = 6;

function cloudLine(message: string, ts = T0 + 5000) {
  return { invocationId: 'cloud-inv-1', functionKey: 'resolver', appVersion: '4.2.0', level: 'ERROR', ts: new Date(ts).toISOString(), message, other: [{ issue: 'PROJ-1' }], error: null };
}

describe('a log store from before cloud lines', () => {
  it('opens with every local line, id and search kept, and takes cloud lines next to them', () => {
    const file = path.join(scratchFolder(), 'anvil.db');
    const old = new Database(file);
    old.transaction(() => {
      for (const step of MIGRATIONS.slice(0, BEFORE_CLOUD)) old.exec(step);
      old.pragma(`user_version = ${BEFORE_CLOUD}`);
    })();
    const insert = old.prepare('INSERT INTO log_line (ts, environment, level, message, invocation_id, function_key) VALUES (?, ?, ?, ?, ?, ?)');
    for (let index = 0; index < 50; index += 1) insert.run(T0 + index, 'staging', index % 2 ? 'log' : 'warn', `local line ${index}`, `inv-${index % 5}`, 'resolver');
    old.exec("INSERT INTO log_line_fts (log_line_fts) VALUES ('rebuild')");
    old.prepare('INSERT INTO log_span (first_id, last_id, min_ts, max_ts) VALUES (1, 50, ?, ?)').run(T0, T0 + 49);
    old.close();

    const db = openAppDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const store = new LogStore(db, { redactor: new Redactor(), now: () => T0 });
    expect(store.linesBetween({ environment: 'staging' }, 0).map((line) => [line.id, line.message])).toEqual(Array.from({ length: 50 }, (_, index) => [index + 1, `local line ${index}`]));
    expect(store.query({ text: 'line 7' }).lines.map((line) => line.id)).toEqual([8]);
    expect(store.linesBetween({}, 0).every((line) => line.source === undefined && line.appVersion === undefined)).toBe(true);

    const [stored] = store.append([cloudLogInput(cloudLine('Request failed'), cloudEnvironment('staging'))]);
    expect(stored).toMatchObject({ id: 51, environment: 'cloud:staging', source: 'cloud', appVersion: '4.2.0', level: 'error', functionKey: 'resolver' });
    expect(() => db.prepare("INSERT INTO log_line_fts (log_line_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    db.close();
  });
});

describe('cloud lines in the logs store', () => {
  it('are searched, grouped by invocation and exported like local lines, marked as cloud lines with their version', () => {
    const store = new LogStore(openAppDatabase(null), { redactor: new Redactor() });
    store.append([{ ts: T0, environment: 'staging', level: 'log', message: 'a local line', invocationId: 'local-1', functionKey: 'resolver', moduleKey: null, installation: null }]);
    store.append([cloudLogInput(cloudLine('Request failed'), cloudEnvironment('staging')), cloudLogInput(cloudLine('retrying', T0 + 6000), cloudEnvironment('staging'))]);
    expect(store.query({ text: 'failed PROJ' }).lines.map((line) => line.message)).toEqual(['Request failed {"issue":"PROJ-1"}']);
    expect(store.query({ environment: 'staging' }).lines.map((line) => line.message)).toEqual(['a local line']);
    expect(store.invocation('cloud-inv-1')!.lines.map((line) => line.message)).toEqual(['Request failed {"issue":"PROJ-1"}', 'retrying {"issue":"PROJ-1"}']);
    expect(store.invocations({ environment: 'cloud:staging' })).toEqual([]);
    const jsonl = [...store.exportLines({}, 'jsonl')]
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(jsonl.map((line) => [line.env, line.source, line.appVersion])).toEqual([
      ['staging', undefined, undefined],
      ['cloud:staging', 'cloud', '4.2.0'],
      ['cloud:staging', 'cloud', '4.2.0'],
    ]);
    expect([...store.exportLines({ environment: 'cloud:staging' }, 'csv')].join('').split('\r\n')[1]).toMatch(/,cloud,4\.2\.0$/);
  });

  it('refuses a source other than cloud', () => {
    const store = new LogStore(openAppDatabase(null), { redactor: new Redactor() });
    expect(() => store.append([{ ...cloudLogInput(cloudLine('x'), 'cloud:staging'), source: 'elsewhere' as 'cloud' }])).toThrow(/source must be "cloud"/);
  });

  it('carry the console call’s further arguments and the platform’s error text in the message', () => {
    expect(cloudMessage({ ...cloudLine('Fetching'), other: ['issue', 42, { a: 1 }], error: 'TypeError: x is undefined' })).toBe('Fetching issue 42 {"a":1} TypeError: x is undefined');
  });
});

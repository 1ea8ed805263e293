import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnvilError } from '../contract';
import { openAppDatabase } from '../database';
import { scratchFolder } from '../testing';
import { ABANDONED_AFTER_MS, LogStore } from './log-store';
import { Redactor } from './redactor';
import { parseSince } from './since';
import type { LogLineInput, StoredLogLine } from './types';

const T0 = Date.UTC(2025, 10, 28, 12, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

function line(overrides: Partial<LogLineInput> = {}): LogLineInput {
  return {
    ts: T0,
    environment: 'development',
    level: 'log',
    message: 'hello',
    invocationId: 'inv-1',
    functionKey: 'resolver',
    moduleKey: 'issue-panel',
    installation: 'jira',
    ...overrides,
  };
}

function storeWith(options: { now?: () => number; secrets?: { name: string; value: string }[] } = {}) {
  const redactor = new Redactor();
  redactor.setSecrets(options.secrets ?? []);
  const db = openAppDatabase(null);
  return { db, redactor, store: new LogStore(db, { redactor, now: options.now ?? (() => T0) }) };
}

const messages = (lines: StoredLogLine[]) => lines.map((stored) => stored.message);

describe('the log store', () => {
  it('stores a batch, returns it with ingest-order ids, and lists it newest first', () => {
    const { store } = storeWith();
    const stored = store.append([line({ message: 'one' }), line({ message: 'two', fields: { issue: 'PROJ-1' } }), line({ message: 'three' })]);
    expect(stored.map((l) => l.id)).toEqual([1, 2, 3]);
    expect(stored[1]).toEqual({ ...line({ message: 'two' }), id: 2, fields: { issue: 'PROJ-1' } });
    const page = store.query();
    expect(messages(page.lines)).toEqual(['three', 'two', 'one']);
    expect(page.lines[1]!.fields).toEqual({ issue: 'PROJ-1' });
    expect(page.nextBefore).toBeNull();
  });

  it('filters by environment, level, function, module, installation and invocation', () => {
    const { store } = storeWith();
    store.append([
      line({ message: 'dev log' }),
      line({ message: 'staging warn', environment: 'staging', level: 'warn' }),
      line({ message: 'debug detail', level: 'debug' }),
      line({ message: 'other function', functionKey: 'scheduled', moduleKey: 'nightly', invocationId: 'inv-2', level: 'error' }),
      line({ message: 'confluence', installation: 'confluence', level: 'info' }),
      line({ message: 'no invocation', invocationId: null, functionKey: null, moduleKey: null, installation: null }),
    ]);
    expect(messages(store.query({ environment: 'staging' }).lines)).toEqual(['staging warn']);
    expect(messages(store.query({ levels: ['warn', 'error'] }).lines)).toEqual(['other function', 'staging warn']);
    expect(messages(store.query({ minLevel: 'info' }).lines)).toEqual(['no invocation', 'confluence', 'other function', 'staging warn', 'dev log']);
    expect(messages(store.query({ minLevel: 'warn', levels: ['error', 'debug'] }).lines)).toEqual(['other function']);
    expect(store.query({ levels: [] }).lines).toEqual([]);
    expect(messages(store.query({ functionKey: 'scheduled' }).lines)).toEqual(['other function']);
    expect(messages(store.query({ moduleKey: 'nightly' }).lines)).toEqual(['other function']);
    expect(messages(store.query({ installation: 'confluence' }).lines)).toEqual(['confluence']);
    expect(messages(store.query({ invocationId: 'inv-2' }).lines)).toEqual(['other function']);
    expect(messages(store.query({ environment: 'development', installation: 'jira', minLevel: 'debug' }).lines)).toEqual(['other function', 'debug detail', 'dev log']);
  });

  it('matches filter values exactly, whatever characters they hold', () => {
    const { store } = storeWith();
    store.append([
      line({ message: 'a', environment: 'dev' }),
      line({ message: 'b', environment: 'development' }),
      line({ message: 'c', functionKey: 'función "x" AND y*' }),
      line({ message: 'd', functionKey: 'función' }),
      line({ message: 'e', installation: 'jira-site' }),
      line({ message: 'f', functionKey: '' }),
    ]);
    expect(messages(store.query({ environment: 'dev' }).lines)).toEqual(['a']);
    expect(messages(store.query({ functionKey: 'función "x" AND y*' }).lines)).toEqual(['c']);
    expect(messages(store.query({ functionKey: 'función' }).lines)).toEqual(['d']);
    expect(store.query({ installation: 'jira' }).lines.map((l) => l.installation)).not.toContain('jira-site');
    expect(store.query({ text: 'f' }).lines[0]!.functionKey).toBeNull();
    // Search words look in messages only, never at the index's own filter words.
    expect(store.query({ text: 'llog' }).lines).toEqual([]);
  });

  it('filters by time: since inclusive, until exclusive, relative times through parseSince', () => {
    const { store } = storeWith();
    store.append([30, 20, 10, 0].map((minutes) => line({ ts: T0 - minutes * MINUTE, message: `${minutes} minutes ago` })));
    expect(messages(store.query({ since: T0 - 20 * MINUTE }).lines)).toEqual(['0 minutes ago', '10 minutes ago', '20 minutes ago']);
    expect(messages(store.query({ until: T0 - 10 * MINUTE }).lines)).toEqual(['20 minutes ago', '30 minutes ago']);
    expect(messages(store.query({ since: T0 - 25 * MINUTE, until: T0 - 5 * MINUTE }).lines)).toEqual(['10 minutes ago', '20 minutes ago']);
    expect(store.query({ since: T0, until: T0 }).lines).toEqual([]);
    expect(messages(store.query({ since: parseSince('15m', T0) }).lines)).toEqual(['0 minutes ago', '10 minutes ago']);
    expect(messages(store.query({ since: parseSince('2025-11-28T11:55:00Z', T0) }).lines)).toEqual(['0 minutes ago']);
  });

  it('finds lines by time even when they arrive out of order, across many batches', () => {
    const { store } = storeWith();
    for (let batch = 0; batch < 60; batch += 1) {
      store.append(Array.from({ length: 100 }, (_, index) => line({ ts: T0 + (batch * 100 + index) * 1000, message: `at ${batch * 100 + index}` })));
    }
    // A line logged long ago but stored last (a replayed or delayed batch).
    store.append([line({ ts: T0 - DAY, message: 'late arrival' })]);
    expect(messages(store.query({ until: T0 }).lines)).toEqual(['late arrival']);
    expect(messages(store.query({ until: T0 + 2000 }).lines)).toEqual(['late arrival', 'at 1', 'at 0']);
    expect(messages(store.query({ since: T0 + 5998 * 1000 }).lines)).toEqual(['at 5999', 'at 5998']);
    expect(messages(store.query({ since: T0 + 3000 * 1000, until: T0 + 3002 * 1000, text: 'at' }).lines)).toEqual(['at 3001', 'at 3000']);
    expect(store.query({ since: T0 + 10_000 * 1000 }).lines).toEqual([]);
    expect(store.levelCounts({ since: T0 + 3000 * 1000, until: T0 + 3010 * 1000 }, 60_000).buckets.map((bucket) => bucket.counts.log)).toEqual([10]);
  });

  it('marks invocations left running by an Anvil that was stopped as crashed, once past any time limit, and leaves the others running', () => {
    let now = T0;
    const { store } = storeWith({ now: () => now });
    const summary = { environment: 'development', functionKey: 'resolver', moduleKey: null, installation: 'jira', durationMs: null, status: 'running' as const, error: null, calls: [] };
    store.recordInvocation({ ...summary, invocationId: 'killed-mid-run', startedAt: T0 });
    store.recordInvocation({ ...summary, invocationId: 'finished', startedAt: T0, status: 'ok', durationMs: 5 });
    // Another Anvil process may be running this one right now: it is not touched.
    store.recordInvocation({ ...summary, invocationId: 'still-running', startedAt: T0 + ABANDONED_AFTER_MS });
    now = T0 + ABANDONED_AFTER_MS + 1;
    expect(store.settleAbandoned()).toBe(1);
    expect(store.invocation('killed-mid-run')!.summary).toMatchObject({ status: 'crashed', error: expect.stringMatching(/Anvil stopped before this invocation ended/) });
    expect(store.invocation('finished')!.summary).toMatchObject({ status: 'ok' });
    expect(store.invocation('still-running')!.summary).toMatchObject({ status: 'running' });
  });

  describe('full-text search', () => {
    const texts = [
      'Fetching issue PROJ-123 for user alice',
      'Request failed: 429 Too Many Requests',
      'Payload {"key":"value","n":1}',
      'Café ouvert à Zürich',
      '日本語 のログ',
      'Search with AND and OR and NOT inside',
      'x-ray results are in',
      'quoted "hello" world',
      'fetched from cache',
    ];

    function searchable() {
      const { store } = storeWith();
      store.append(texts.map((message) => line({ message })));
      return (text: string) => messages(store.query({ text }).lines).reverse();
    }

    it('finds words regardless of case, order and accents', () => {
      const search = searchable();
      expect(search('proj-123')).toEqual([texts[0]]);
      expect(search('ALICE fetching')).toEqual([texts[0]]);
      expect(search('cafe zurich')).toEqual([texts[3]]);
      expect(search('日本語')).toEqual([texts[4]]);
      expect(search('too many requests')).toEqual([texts[1]]);
    });

    it('keeps phrases in order and supports prefixes', () => {
      const search = searchable();
      expect(search('"many too"')).toEqual([]);
      expect(search('"too many"')).toEqual([texts[1]]);
      expect(search('fetch*')).toEqual([texts[0], texts[8]]);
      expect(search('fetch')).toEqual([]);
    });

    it('never lets quotes or operators break the query', () => {
      const search = searchable();
      expect(search('"')).toEqual([]);
      expect(search('"hello')).toEqual([texts[7]]);
      expect(search('AND')).toEqual([texts[5]]);
      expect(search('NOT inside')).toEqual([texts[5]]);
      expect(search('-x')).toEqual([texts[6]]);
      expect(search('foo*')).toEqual([]);
      expect(search('key:value')).toEqual([texts[2]]);
      expect(search('NEAR( )')).toEqual([]);
      expect(search('*')).toEqual([]);
      expect(search('""""')).toEqual([]);
      expect(search('(((')).toEqual([]);
    });

    it('never throws on any mix of quotes, operators, stars and odd characters', () => {
      const search = searchable();
      const alphabet = ['"', "'", '*', '-', '+', '^', ':', '(', ')', '{', '}', 'AND', 'OR', 'NOT', 'NEAR', ' ', 'a', 'é', '日', '🔥', '\u0000', '\ud800', 'e\u0301', '\\', '%', '_'];
      let seed = 7;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % alphabet.length;
      for (let round = 0; round < 300; round += 1) {
        const text = Array.from({ length: 1 + (round % 12) }, () => alphabet[next()]).join('');
        expect(() => search(text), JSON.stringify(text)).not.toThrow();
      }
    });

    it('combines with the other filters', () => {
      const { store } = storeWith();
      store.append([line({ message: 'timeout calling jira', level: 'error' }), line({ message: 'timeout calling jira', level: 'log', installation: 'other' }), line({ message: 'fine' })]);
      expect(store.query({ text: 'timeout', levels: ['error'] }).lines.map((l) => l.id)).toEqual([1]);
      expect(store.query({ text: 'timeout', installation: 'other' }).lines.map((l) => l.id)).toEqual([2]);
      expect(store.query({ text: 'timeout', invocationId: 'inv-1' }).lines.map((l) => l.id)).toEqual([2, 1]);
      expect(store.query({ text: 'timeout', invocationId: 'nope' }).lines).toEqual([]);
    });
  });

  it('pages newest first with nextBefore until the end', () => {
    const { store } = storeWith();
    store.append(Array.from({ length: 25 }, (_, index) => line({ message: `line ${index + 1}` })));
    const first = store.query({ limit: 10 });
    expect(messages(first.lines)[0]).toBe('line 25');
    expect(first.nextBefore).toBe(16);
    const second = store.query({ limit: 10, beforeId: first.nextBefore! });
    expect(messages(second.lines)).toEqual(Array.from({ length: 10 }, (_, index) => `line ${15 - index}`));
    const third = store.query({ limit: 10, beforeId: second.nextBefore! });
    expect(third.lines).toHaveLength(5);
    expect(third.nextBefore).toBeNull();
    // Exactly a page left: no empty page after it.
    expect(store.query({ limit: 5, beforeId: 6 }).nextBefore).toBeNull();
  });

  it('pages through full-text results the same way', () => {
    const { store } = storeWith();
    store.append(Array.from({ length: 30 }, (_, index) => line({ message: index % 2 ? `odd match ${index}` : `even ${index}` })));
    const first = store.query({ text: 'match', limit: 10 });
    const second = store.query({ text: 'match', limit: 10, beforeId: first.nextBefore! });
    expect([...first.lines, ...second.lines].map((l) => l.id)).toEqual(Array.from({ length: 15 }, (_, index) => 30 - index * 2));
    expect(second.nextBefore).toBeNull();
  });

  it('with afterId gives the lines right after it, so following never skips any', () => {
    const { store } = storeWith();
    store.append(Array.from({ length: 12 }, (_, index) => line({ message: `line ${index + 1}` })));
    const page = store.query({ afterId: 3, limit: 4 });
    expect(messages(page.lines)).toEqual(['line 7', 'line 6', 'line 5', 'line 4']);
    expect(page.nextBefore).toBeNull();
    expect(messages(store.query({ afterId: 7, limit: 100 }).lines)).toHaveLength(5);
  });

  it('finds rare values among many lines, alone and combined with words and times', () => {
    // Enough lines for the store to narrow by time and to walk long id-ordered lists.
    const { store } = storeWith();
    const batch: LogLineInput[] = [];
    for (let index = 0; index < 6000; index += 1) {
      batch.push(line({ ts: T0 + index, message: `common text ${index}`, functionKey: index % 1000 === 0 ? 'rare' : 'busy', level: index % 3000 === 1 ? 'error' : 'log' }));
    }
    store.append(batch);
    expect(store.query({ functionKey: 'rare' }).lines.map((l) => l.ts - T0)).toEqual([5000, 4000, 3000, 2000, 1000, 0]);
    expect(store.query({ environment: 'development', levels: ['error'] }).lines.map((l) => l.ts - T0)).toEqual([3001, 1]);
    expect(store.query({ text: 'common', functionKey: 'rare', limit: 2 }).lines.map((l) => l.ts - T0)).toEqual([5000, 4000]);
    expect(store.query({ text: 'common', since: T0 + 5990 }).lines).toHaveLength(10);
    expect(store.query({ since: T0 + 10, until: T0 + 12 }).lines.map((l) => l.ts - T0)).toEqual([11, 10]);
    expect(store.query({ functionKey: 'absent' }).lines).toEqual([]);
  });

  describe('redaction', () => {
    const secrets = [{ name: 'API_KEY', value: 'sk_live_abc"123' }];

    it('removes secrets from messages and fields before they are stored', () => {
      const { store, db } = storeWith({ secrets });
      const [stored] = store.append([
        line({
          message: `calling with sk_live_abc"123 and ${JSON.stringify({ key: 'sk_live_abc"123' })}`,
          fields: { headers: { authorization: 'Bearer sk_live_abc"123' }, list: ['sk_live_abc"123'] },
        }),
      ]);
      expect(stored!.message).toBe('calling with [redacted: API_KEY] and {"key":"[redacted: API_KEY]"}');
      expect(stored!.fields).toEqual({ headers: { authorization: 'Bearer [redacted: API_KEY]' }, list: ['[redacted: API_KEY]'] });
      const raw = JSON.stringify(db.prepare('SELECT * FROM log_line').all());
      expect(raw).not.toContain('sk_live_abc');
      expect(store.query({ text: 'sk_live_abc' }).lines).toEqual([]);
      expect(store.query({ text: 'redacted API_KEY' }).lines).toHaveLength(1);
    });

    it('removes secrets from invocation summaries too', () => {
      const { store, db } = storeWith({ secrets });
      store.recordInvocation({
        invocationId: 'inv-1',
        environment: 'development',
        functionKey: 'resolver',
        moduleKey: 'issue-panel',
        installation: 'jira',
        startedAt: T0,
        durationMs: 12,
        status: 'error',
        error: 'Bad key sk_live_abc"123',
        calls: [{ kind: 'fetch', target: 'https://api.example.com/?key=sk_live_abc"123', method: 'GET', allowed: true, reason: 'egress' }],
        result: { echoed: 'sk_live_abc"123' },
      });
      expect(JSON.stringify(db.prepare('SELECT * FROM log_invocation').all())).not.toContain('sk_live_abc');
      const summary = store.invocation('inv-1')!.summary!;
      expect(summary.error).toBe('Bad key [redacted: API_KEY]');
      expect(summary.calls[0]!.target).toBe('https://api.example.com/?key=[redacted: API_KEY]');
      expect(JSON.parse(summary.resultJson!)).toEqual({ echoed: '[redacted: API_KEY]' });
    });
  });

  it('counts lines withheld by an installation without log access instead of storing them', () => {
    const { store, db } = storeWith();
    const stored = store.append([
      line({ message: 'kept' }),
      line({ message: 'private 1', installation: 'customer', withheld: true }),
      line({ message: 'private 2', installation: 'customer', withheld: true, ts: T0 + 5 }),
      line({ message: 'private 3', installation: 'customer', invocationId: 'inv-2', withheld: true }),
    ]);
    expect(messages(stored)).toEqual(['kept']);
    expect(JSON.stringify(db.prepare('SELECT * FROM log_line').all())).not.toContain('private');
    expect(store.query({ installation: 'customer' }).lines).toEqual([]);
    expect(store.withheld()).toEqual([{ environment: 'development', installation: 'customer', count: 3, lastAt: T0 + 5 }]);
    expect(store.withheld({ invocationId: 'inv-2' })).toEqual([{ environment: 'development', installation: 'customer', count: 1, lastAt: T0 }]);
    expect(store.withheld({ environment: 'staging' })).toEqual([]);
    expect(store.invocation('inv-1')!.withheld).toBe(2);
  });

  it('shows an invocation as a timeline and lists invocations with their line counts', () => {
    const { store } = storeWith();
    const summary = {
      invocationId: 'inv-1',
      environment: 'development',
      functionKey: 'resolver',
      moduleKey: 'issue-panel',
      installation: 'jira',
      startedAt: T0,
      durationMs: null,
      status: 'running' as const,
      error: null,
      calls: [],
    };
    store.recordInvocation(summary);
    store.append([line({ message: 'start' }), line({ message: 'other', invocationId: 'inv-2' }), line({ message: 'careful', level: 'warn' }), line({ message: 'done', level: 'info' })]);
    store.recordInvocation({ ...summary, durationMs: 42, status: 'ok', result: { big: 'x'.repeat(10_000) } });
    store.recordInvocation({ ...summary, invocationId: 'inv-2', startedAt: T0 + 1, status: 'error', error: 'boom' });

    const timeline = store.invocation('inv-1')!;
    expect(messages(timeline.lines)).toEqual(['start', 'careful', 'done']);
    expect(timeline.summary).toMatchObject({ status: 'ok', durationMs: 42, resultTrimmed: true });
    expect(timeline.summary!.resultJson!.length).toBeLessThanOrEqual(4096);
    expect(store.invocation('unknown')).toBeNull();

    const listed = store.invocations({ environment: 'development' });
    expect(listed.map((invocation) => invocation.invocationId)).toEqual(['inv-2', 'inv-1']);
    expect(listed[1]!.lineCounts).toEqual({ debug: 0, info: 1, log: 1, warn: 1, error: 0 });
    expect(store.invocations({ status: 'error' }).map((invocation) => invocation.invocationId)).toEqual(['inv-2']);
    expect(store.invocations({ until: T0 + 1 }).map((invocation) => invocation.invocationId)).toEqual(['inv-1']);
  });

  it('counts lines per level per time bucket for the chart', () => {
    const { store } = storeWith();
    store.append([
      line({ ts: T0, level: 'log' }),
      line({ ts: T0 + 30_000, level: 'error', message: 'bad' }),
      line({ ts: T0 + 59_999, level: 'log' }),
      line({ ts: T0 + 3 * MINUTE, level: 'warn', message: 'bad' }),
    ]);
    expect(store.levelCounts({}, MINUTE)).toEqual({
      bucketMs: MINUTE,
      buckets: [
        { start: T0, counts: { debug: 0, info: 0, log: 2, warn: 0, error: 1 } },
        { start: T0 + 3 * MINUTE, counts: { debug: 0, info: 0, log: 0, warn: 1, error: 0 } },
      ],
    });
    expect(store.levelCounts({ text: 'bad', minLevel: 'error' }, MINUTE).buckets).toEqual([{ start: T0, counts: { debug: 0, info: 0, log: 0, warn: 0, error: 1 } }]);
    expect(() => store.levelCounts({}, 0)).toThrow(/bucket must be a whole number of milliseconds/);
  });

  describe('exports', () => {
    const tricky = 'He said "hi", then\nleft; a,b';

    it('writes JSON Lines of exactly the documented shape, oldest first', () => {
      const { store } = storeWith();
      store.append([line({ message: 'first' }), line({ message: tricky, ts: T0 + 1, invocationId: null, level: 'error' })]);
      const text = [...store.exportLines({}, 'jsonl')].join('');
      const parsed = text
        .trimEnd()
        .split('\n')
        .map((row) => JSON.parse(row) as Record<string, unknown>);
      expect(parsed).toEqual([
        { ts: new Date(T0).toISOString(), env: 'development', level: 'log', message: 'first', invocationId: 'inv-1', functionKey: 'resolver', moduleKey: 'issue-panel', installation: 'jira' },
        { ts: new Date(T0 + 1).toISOString(), env: 'development', level: 'error', message: tricky, invocationId: null, functionKey: 'resolver', moduleKey: 'issue-panel', installation: 'jira' },
      ]);
      expect(Object.keys(parsed[0]!)).toEqual(['ts', 'env', 'level', 'message', 'invocationId', 'functionKey', 'moduleKey', 'installation']);
    });

    it('writes CSV with a header and quotes what needs quoting', () => {
      const { store } = storeWith();
      store.append([line({ message: tricky, installation: null })]);
      const text = [...store.exportLines({}, 'csv')].join('');
      expect(text).toBe(
        'ts,env,level,message,invocationId,functionKey,moduleKey,installation,platformDrop,source,appVersion\r\n' +
          `${new Date(T0).toISOString()},development,log,"He said ""hi"", then\nleft; a,b",inv-1,resolver,issue-panel,,,,\r\n`,
      );
    });

    it('streams in chunks, follows the filter, and stops at maxLines saying so', () => {
      const { store } = storeWith();
      store.append(Array.from({ length: 4500 }, (_, index) => line({ message: `n${index}`, level: index % 2 ? 'warn' : 'log' })));
      const chunks = [...store.exportLines({ levels: ['warn'] }, 'jsonl')];
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.join('').trimEnd().split('\n')).toHaveLength(2250);

      const capped = store.exportLines({}, 'csv', { maxLines: 3 });
      const out: string[] = [];
      let step = capped.next();
      for (; !step.done; step = capped.next()) out.push(step.value);
      expect(out.join('').trimEnd().split('\r\n')).toHaveLength(4);
      expect(step.value).toEqual({ lines: 3, truncated: true });
    });

    it('lets the store keep writing while an export is being read', () => {
      const { store } = storeWith();
      store.append(Array.from({ length: 4500 }, () => line()));
      const exporting = store.exportLines({}, 'jsonl');
      exporting.next();
      exporting.next();
      expect(() => store.append([line({ message: 'during export' })])).not.toThrow();
      const rest = [...exporting].join('');
      // Lines stored after the export began are not part of it.
      expect(rest).not.toContain('during export');
    });
  });

  it('prunes lines, invocations and withheld counts older than the retention period', () => {
    let now = T0;
    const { store, db } = storeWith({ now: () => now });
    store.append([
      line({ ts: T0 - 40 * DAY, message: 'ancient', invocationId: 'old' }),
      line({ ts: T0 - 31 * DAY, message: 'old', invocationId: 'old' }),
      line({ ts: T0 - 29 * DAY, message: 'recent', invocationId: 'new' }),
      line({ ts: T0 - 40 * DAY, withheld: true, installation: 'customer' }),
    ]);
    store.recordInvocation({
      invocationId: 'old',
      environment: 'development',
      functionKey: null,
      moduleKey: null,
      installation: null,
      startedAt: T0 - 40 * DAY,
      durationMs: 1,
      status: 'ok',
      error: null,
      calls: [],
    });
    store.recordInvocation({
      invocationId: 'new',
      environment: 'development',
      functionKey: null,
      moduleKey: null,
      installation: null,
      startedAt: T0 - 29 * DAY,
      durationMs: 1,
      status: 'ok',
      error: null,
      calls: [],
    });

    expect(store.prune()).toEqual({ lines: 2, invocations: 1, withheld: 1 });
    expect(messages(store.query().lines)).toEqual(['recent']);
    expect(store.query({ text: 'ancient' }).lines).toEqual([]);
    expect(() => db.prepare("INSERT INTO log_line_fts (log_line_fts) VALUES ('integrity-check')").run()).not.toThrow();

    store.setRetentionDays(7);
    now = T0 + DAY;
    expect(store.prune().lines).toBe(1);
    expect(store.query().lines).toEqual([]);
    // Ids are never handed out again after the newest lines were pruned.
    expect(store.append([line()])[0]!.id).toBe(4);
  });

  it('prunes in chunks when there is a lot to remove', () => {
    const { store, db } = storeWith();
    store.append(Array.from({ length: 12_000 }, (_, index) => line({ ts: T0 - 60 * DAY + index, message: `old line ${index}` })));
    store.append([line({ message: 'keep me' })]);
    expect(store.prune().lines).toBe(12_000);
    expect(messages(store.query({ text: 'line' }).lines)).toEqual([]);
    expect(messages(store.query().lines)).toEqual(['keep me']);
    expect(() => db.prepare("INSERT INTO log_line_fts (log_line_fts) VALUES ('integrity-check')").run()).not.toThrow();
  });

  it('calls followers after each append with the new lines that match', () => {
    const { store } = storeWith();
    store.append([line({ message: 'before following' })]);
    const errors: string[][] = [];
    const all: string[][] = [];
    const stopErrors = store.follow({ levels: ['error'] }, (lines) => errors.push(messages(lines)));
    store.follow({ text: 'deploy' }, (lines) => all.push(messages(lines)));
    store.follow({}, () => {
      throw new Error('a broken listener');
    });
    store.append([line({ message: 'deploy started' }), line({ message: 'deploy failed', level: 'error' }), line({ message: 'unrelated' })]);
    store.append([line({ message: 'nothing for errors' })]);
    stopErrors();
    store.append([line({ message: 'after stop', level: 'error' })]);
    expect(errors).toEqual([['deploy failed']]);
    expect(all).toEqual([['deploy started', 'deploy failed']]);
  });

  it('refuses invalid input with errors that say what is wrong', () => {
    const { store } = storeWith();
    const refuses = (action: () => unknown, message: RegExp) => {
      expect(action).toThrow(AnvilError);
      expect(action).toThrow(message);
    };
    refuses(() => store.append([line(), line({ level: 'fatal' as never })]), /Log line 2: Unknown log level "fatal": use one of debug, info, log, warn, error/);
    expect(store.query().lines).toEqual([]);
    refuses(() => store.append([line({ ts: Number.NaN })]), /ts must be a time in epoch milliseconds/);
    refuses(() => store.append([line({ environment: '' })]), /environment must be a non-empty string/);
    refuses(() => store.append([line({ message: 42 as never })]), /message must be a string/);
    refuses(() => store.query({ levels: ['loud' as never] }), /Unknown log level "loud"/);
    refuses(() => store.query({ limit: 0 }), /limit must be a whole number from 1 to 5000; got 0/);
    refuses(() => store.query({ limit: 5001 }), /from 1 to 5000; got 5001/);
    refuses(() => store.query({ since: '15m' as never }), /since filter must be a time in epoch milliseconds \(use parseSince/);
    refuses(() => store.query({ beforeId: -1 }), /beforeId must be a line id/);
    refuses(() => store.query({ text: 5 as never }), /text filter must be/);
    refuses(() => store.setRetentionDays(0), /whole number of days from 1 to 365; got 0/);
    refuses(() => store.setRetentionDays(400), /got 400/);
    refuses(() => store.setRetentionDays(2.5), /got 2.5/);
    refuses(() => new LogStore(openAppDatabase(null), { redactor: new Redactor(), retentionDays: 1000 }), /got 1000/);
    refuses(() => store.exportLines({}, 'xml' as never), /"jsonl" or "csv"; "xml"/);
    refuses(() => store.follow({ minLevel: 'nope' as never }, () => {}), /Unknown log level "nope"/);
    refuses(() => store.recordInvocation({ invocationId: '', environment: 'development' } as never), /invocationId must be a non-empty string/);
    expect(store.retentionDays).toBe(30);
  });

  it('keeps everything in the app database file across reopening', () => {
    const file = path.join(scratchFolder(), 'anvil.db');
    const redactor = new Redactor();
    const first = openAppDatabase(file);
    new LogStore(first, { redactor }).append([line({ message: 'persisted line' })]);
    first.close();
    const again = openAppDatabase(file);
    expect(messages(new LogStore(again, { redactor }).query({ text: 'persisted' }).lines)).toEqual(['persisted line']);
    again.close();
  });
});

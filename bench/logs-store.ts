/**
 * The logs store over a realistic volume. Prints:
 *   - ingest rate (lines/s) of LogStore.append (redaction, indexes, full-text index, one transaction
 *     per batch) for realistic lines in batches, next to a baseline in the same run: the same lines
 *     inserted into a plain table with no index, no full-text index and no redaction;
 *   - full-text query time over 1,000,000 stored lines: median and p95 of 50 queries (rare and common
 *     words, phrases, prefixes; newest 200), next to the same searches as LIKE '%term%' on the plain table;
 *   - for information, queries that combine words with filters, and filters alone.
 * LOGS_BENCH_LINES overrides the number of lines. Uses a temporary folder, removed at the end; never fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppDatabase, type AppDatabase } from '../main/database';
import { LogStore, Redactor, type LogFilter, type LogLevel, type LogLineInput } from '../main/logs';
import { percentile, printFigures } from './measure';

const LINES = Number(process.env.LOGS_BENCH_LINES ?? 1_000_000);
const BATCH = 1000;
const QUERIES = 50;
const WARM_UP = 10;
const DAY = 86_400_000;
/** The ingest rate LogStore.append is held to, in lines per second (issue #17). */
const GOAL_LINES_PER_SECOND = 100_000;

// Deterministic data, so runs compare.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const int = (below: number) => Math.floor(rand() * below);
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'do', 'sa', 'vel', 'tor', 'ni', 'qua', 'bel', 'zu', 'fen', 'gar', 'pi', 'sho'];
/** 5,000 words; drawn with a Zipf-like skew, so a few are in most lines and most are rare. */
const VOCABULARY = Array.from({ length: 5000 }, (_, index) => {
  let word = '';
  for (let n = index + 17; n > 0; n = Math.floor(n / 16)) word += SYLLABLES[n % 16];
  return word;
});
const zipfWord = () => VOCABULARY[Math.min(VOCABULARY.length - 1, Math.floor(Math.pow(rand(), 3) * VOCABULARY.length))]!;
const words = (count: number) => Array.from({ length: count }, zipfWord).join(' ');
const issueKey = () => `${pick(['PROJ', 'OPS', 'WEB', 'MOB'])}-${1 + int(5000)}`;
const accountId = () => `5b10ac8d82e05b22cc7d${(1000 + int(5000)).toString(16).padStart(4, '0')}`;
const FUNCTIONS = ['resolver', 'issue-panel-resolver', 'scheduled-sync', 'webtrigger-handler', 'event-consumer', 'admin-page-resolver'];
const MODULES = ['issue-panel', 'project-page', 'nightly-sync', 'incoming-webhook', 'issue-events', 'admin-page', 'glance', 'dashboard-gadget'];
const INSTALLATIONS = ['jira', 'confluence', 'jira-customer'];
const SECRETS = [
  { name: 'API_TOKEN', value: 'atl_tok_4f8a9c2e1b7d' },
  { name: 'WEBHOOK_SECRET', value: 'whsec_93jd82kdm2' },
  { name: 'DB_PASSWORD', value: 'p@ss-w0rd-2025' },
];

function message(level: LogLevel): string {
  if (level === 'error') {
    return `Error: Request failed with status code ${pick([400, 401, 403, 404, 500, 502])} for ${issueKey()}\n    at fetchIssue (src/resolvers/index.js:${int(300)}:${int(40)})\n    at async Resolver.call (node_modules/@forge/resolver/out/index.js:52:20)`;
  }
  if (level === 'warn') return `Rate limited (429 Too Many Requests) on /rest/api/3/search, retrying in ${int(5000)} ms (attempt ${1 + int(3)})`;
  if (level === 'debug') return `cache ${pick(['hit', 'miss'])} for ${issueKey()} ${words(2)}`;
  switch (int(6)) {
    case 0:
      return `GET /rest/api/3/issue/${issueKey()}?fields=summary,status,assignee → ${pick([200, 200, 200, 204, 404])} in ${int(900)} ms`;
    case 1:
      return `Fetching issue ${issueKey()} for user ${accountId()}`;
    case 2:
      return `Resolver getIssues payload {"issueKey":"${issueKey()}","projectId":"${10000 + int(500)}","summary":"${words(5)}"}`;
    case 3:
      return `storage.set settings:${issueKey()} took ${int(60)} ms (${int(4000)} bytes)${int(100) === 0 ? ` token ${SECRETS[0]!.value}` : ''}`;
    default:
      return words(6 + int(10));
  }
}

function invocationLines(start: number, count: number, startTs: number): LogLineInput[] {
  const invocationId = `${int(2 ** 32)
    .toString(16)
    .padStart(8, '0')}-${int(2 ** 16).toString(16)}-4${int(2 ** 12).toString(16)}-${int(2 ** 48).toString(16)}`;
  const fn = int(FUNCTIONS.length);
  const environment = rand() < 0.9 ? 'development' : 'staging';
  const installation = pick(INSTALLATIONS);
  return Array.from({ length: count }, (_, index) => {
    const roll = rand();
    const level: LogLevel = roll < 0.02 ? 'error' : roll < 0.07 ? 'warn' : roll < 0.17 ? 'debug' : roll < 0.4 ? 'info' : 'log';
    return {
      ts: startTs + (start + index) * 600,
      environment,
      level,
      message: message(level),
      invocationId,
      functionKey: FUNCTIONS[fn]!,
      moduleKey: MODULES[fn % MODULES.length]!,
      installation,
      fields: rand() < 0.15 ? { issueKey: issueKey(), attempt: 1 + int(3) } : undefined,
    };
  });
}

/** The next batch of lines: invocations of 5 to 40 lines each. */
function* batches(total: number, startTs: number): Generator<LogLineInput[]> {
  let made = 0;
  let pending: LogLineInput[] = [];
  while (made < total) {
    const count = Math.min(5 + int(36), total - made);
    pending.push(...invocationLines(made, count, startTs));
    made += count;
    while (pending.length >= BATCH || (made >= total && pending.length > 0)) {
      yield pending.slice(0, BATCH);
      pending = pending.slice(BATCH);
    }
  }
}

function createPlain(db: AppDatabase) {
  db.exec(`CREATE TABLE plain (id INTEGER PRIMARY KEY, ts INTEGER, environment TEXT, level TEXT, message TEXT,
           invocation_id TEXT, function_key TEXT, module_key TEXT, installation TEXT, fields TEXT)`);
  const insert = db.prepare('INSERT INTO plain (ts, environment, level, message, invocation_id, function_key, module_key, installation, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return db.transaction((lines: LogLineInput[]) => {
    for (const line of lines) {
      insert.run(line.ts, line.environment, line.level, line.message, line.invocationId, line.functionKey, line.moduleKey, line.installation, line.fields ? JSON.stringify(line.fields) : null);
    }
  });
}

const SMALL_BATCH = 100;

/** Ingest rate with small batches (as when a caller flushes every invocation), on a database of its own. */
function smallBatches(folder: string, redactor: Redactor, startTs: number): number {
  const db = openAppDatabase(path.join(folder, 'small.db'));
  const store = new LogStore(db, { redactor });
  let ms = 0;
  let count = 0;
  for (const lines of batches(100_000, startTs)) {
    for (let start = 0; start < lines.length; start += SMALL_BATCH) {
      const some = lines.slice(start, start + SMALL_BATCH);
      ms += time(() => store.append(some));
      count += some.length;
    }
  }
  db.close();
  return (count / ms) * 1000;
}

function describeTimes(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `${label.padEnd(48)} median ${percentile(sorted, 0.5).toFixed(2)} ms   p95 ${percentile(sorted, 0.95).toFixed(2)} ms   max ${sorted[sorted.length - 1]!.toFixed(2)} ms`;
}

function time(action: () => unknown): number {
  const started = performance.now();
  action();
  return performance.now() - started;
}

function main() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-logs-'));
  try {
    const db = openAppDatabase(path.join(folder, 'anvil.db'));
    // The baseline lives in its own file, with the same pragmas, so neither slows the other.
    const plainDb = openAppDatabase(path.join(folder, 'plain.db'));
    const insertPlain = createPlain(plainDb);
    const redactor = new Redactor();
    redactor.setSecrets(SECRETS);
    const startTs = Date.now() - 8 * DAY;
    const store = new LogStore(db, { redactor });

    let storeMs = 0;
    let plainMs = 0;
    let storeCpuMs = 0;
    const batchTimes: number[] = [];
    for (const lines of batches(LINES, startTs)) {
      const cpuBefore = process.cpuUsage();
      const took = time(() => store.append(lines));
      const cpu = process.cpuUsage(cpuBefore);
      storeCpuMs += (cpu.user + cpu.system) / 1000;
      storeMs += took;
      batchTimes.push((took / lines.length) * 1000);
      plainMs += time(() => insertPlain(lines));
    }
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    console.log(`ingest: ${LINES.toLocaleString('en')} realistic lines in batches of ${BATCH} (5–40 lines per invocation, 15% with fields, secrets redacted)`);
    console.log(
      `${'LogStore.append (FTS5 words + filter tags, redaction)'.padEnd(48)} ${Math.round((LINES / storeMs) * 1000).toLocaleString('en')} lines/s   (goal ≥ ${GOAL_LINES_PER_SECOND.toLocaleString('en')}; per 1,000-line batch: median ${percentile(
        [...batchTimes].sort((a, b) => a - b),
        0.5,
      ).toFixed(1)} ms)`,
    );
    console.log(`${'baseline: plain table, no index, no FTS'.padEnd(48)} ${Math.round((LINES / plainMs) * 1000).toLocaleString('en')} lines/s`);
    console.log(`ratio to baseline: ×${(storeMs / plainMs).toFixed(2)} time per line`);
    // On a shared machine the wall clock also counts other processes' turns; CPU time does not.
    console.log(
      `${'  the same, per CPU second of this process'.padEnd(48)} ${Math.round((LINES / storeCpuMs) * 1000).toLocaleString('en')} lines/s   (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs)`,
    );
    const small = smallBatches(folder, redactor, startTs);
    console.log(`${`LogStore.append, batches of ${SMALL_BATCH} (fresh database)`.padEnd(48)} ${Math.round(small).toLocaleString('en')} lines/s`);

    // Words known to be in the data: rare ones (a single issue key, an account, a tail word) and common ones.
    const rareWords = VOCABULARY.slice(4000, 4200);
    const searches: string[] = [];
    for (let index = 0; index < QUERIES; index += 1) {
      const kind = index % 5;
      if (kind === 0) searches.push(issueKey());
      else if (kind === 1) searches.push(pick(rareWords));
      else if (kind === 2) searches.push(pick(['fetching', 'status', 'rate limited', 'cache miss', 'retrying', 'summary']));
      else if (kind === 3) searches.push(pick(['"too many requests"', 'fetch*', 'error 404', '"request failed" 502', 'storage settings']));
      else searches.push(`${VOCABULARY[int(30)]} ${VOCABULARY[int(30)]}`);
    }
    const likeOf = (text: string) => text.replace(/"/g, '').replace(/\*$/, '').split(' ').filter(Boolean);
    const like = (text: string) => {
      const terms = likeOf(text);
      return plainDb
        .prepare(`SELECT * FROM plain WHERE environment = ? AND ${terms.map(() => 'message LIKE ?').join(' AND ')} ORDER BY id DESC LIMIT 200`)
        .all('development', ...terms.map((term) => `%${term}%`));
    };

    for (const text of searches.slice(0, WARM_UP)) {
      store.query({ environment: 'development', text });
      like(text);
    }
    const ftsTimes: number[] = [];
    const likeTimes: number[] = [];
    let found = 0;
    for (const text of searches) {
      ftsTimes.push(time(() => (found += store.query({ environment: 'development', text, limit: 200 }).lines.length)));
      likeTimes.push(time(() => like(text)));
    }
    console.log(`full-text: ${QUERIES} searches over ${LINES.toLocaleString('en')} stored lines, newest 200 (${Math.round(found / QUERIES)} lines found on average)`);
    printFigures('LogStore.query({ environment, text })', ftsTimes, "baseline: LIKE '%term%' on the plain table", likeTimes);

    const fnKey = FUNCTIONS[5]!;
    const filtered: [string, LogFilter][] = [
      ['words + level error', { environment: 'development', text: 'status', levels: ['error'] }],
      ['words + function', { environment: 'development', text: 'fetching', functionKey: fnKey }],
      ['words + since 1h', { environment: 'development', text: 'status', since: startTs + LINES * 600 - 3_600_000 }],
      ['words + invocation', { text: 'status' }],
      ['level error only', { environment: 'development', levels: ['error'] }],
      ['staging only', { environment: 'staging' }],
      ['installation + warn', { environment: 'development', installation: 'confluence', minLevel: 'warn' }],
      ['until 2 days before the end', { environment: 'development', until: startTs + LINES * 600 - 2 * DAY }],
    ];
    const invocation = store.query({ limit: 1 }).lines[0]!.invocationId!;
    filtered[3]![1].invocationId = invocation;
    console.log('filters, for information (newest 200, 20 runs each):');
    for (const [label, filter] of filtered) {
      const times = Array.from({ length: 20 }, () => time(() => store.query(filter)));
      console.log(describeTimes(`  ${label}`, times));
    }
    const exportMs = time(() => {
      let bytes = 0;
      for (const chunk of store.exportLines({ environment: 'staging', levels: ['error'] }, 'jsonl')) bytes += chunk.length;
      return bytes;
    });
    console.log(`export (staging errors, JSONL): ${exportMs.toFixed(0)} ms`);
    db.close();
    plainDb.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main();

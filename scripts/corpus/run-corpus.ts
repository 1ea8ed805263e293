/**
 * `npm run corpus -- <corpus-folder> [--only <app>] [--docs <file>]`: run every entry point of every
 * Forge app in the corpus folder through Anvil's local runner, the way the platform would call it,
 * and print one row per entry point: ran, failed because of Anvil, or cannot run locally.
 *
 * The corpus folder holds apps by others (see docs/CORPUS.md for how to rebuild it); it stays outside
 * Anvil's checkout. Apps are the folders listed in `<corpus>/apps.txt` (one per line, relative), or
 * every folder with a manifest.yml and a package.json.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalApp, type LocalApp } from '../../main/commands/local-app';
import { AnvilError, anything, fields, list, oneOf, optional, parseJson, recordOf, required, string } from '../../main/contract';
import { MANIFEST_FILE_NAME, parseManifest } from '../../main/manifest';
import type { RunOutcome, RunRequest } from '../../main/runner';
import { entryPointsOf, type EntryPoint } from './entry-points';
import { consumerEvent, rovoActionPayload, uiKit1Payload, WEB_TRIGGER_REQUEST } from './payloads';
import { judged, verdictOf, type Attempt, type Judgement, type Verdict } from './verdict';
import { replaceTable, resultsTable, totalsLine, type Row } from './report';

const ENVIRONMENT = 'development';
/** The corpus stops waiting for one entry point after this long (consumers may declare up to 900 s). */
const GIVE_UP_MS = 120_000;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const corpus = args.find((arg, index) => !arg.startsWith('--') && !['--only', '--docs'].includes(args[index - 1] ?? ''));
  if (!corpus) {
    process.stderr.write('usage: npm run corpus -- <corpus-folder> [--only <app>] [--docs docs/CORPUS.md]\n');
    process.exit(2);
  }
  const only = valueOf(args, '--only');
  const docs = valueOf(args, '--docs');
  const root = path.resolve(corpus);
  const judgements = readJudgements();
  const apps = appsOf(root).filter((app) => !only || app.includes(only));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anvil-corpus-'));
  const rows: Row[] = [];
  try {
    for (const app of apps) rows.push(...(await runApp(root, app, dataDir, judgements)));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  writeFileSync(path.join(root, 'corpus-results.json'), JSON.stringify(rows, null, 2));
  const table = resultsTable(rows);
  process.stdout.write(`${table}\n\n${totalsLine(rows)}\n`);
  if (docs) {
    writeFileSync(docs, replaceTable(readFileSync(docs, 'utf8'), table, totalsLine(rows)));
    process.stderr.write(`updated the table in ${docs}\n`);
  }
}

async function runApp(root: string, app: string, dataDir: string, judgements: readonly Judgement[]): Promise<Row[]> {
  const folder = path.join(root, app);
  const name = displayName(app);
  const forgeApi = forgeApiVersion(folder);
  process.stderr.write(`\n== ${name} (@forge/api ${forgeApi})\n`);
  let local: LocalApp;
  try {
    local = await openLocalApp(folder, { dataDir });
  } catch (error) {
    return [{ app: name, forgeApi, entry: '(app)', outcome: 'anvil', cause: `the app does not open: ${message(error)}` }];
  }
  // Every invocation, including the ones triggers and queues make on their own, is seen here.
  const invocations: { request: RunRequest; outcome: RunOutcome }[] = [];
  const run = local.runner.run.bind(local.runner);
  local.runner.run = async (request) => {
    const outcome = await run(request);
    invocations.push({ request, outcome });
    return outcome;
  };
  const rows: Row[] = [];
  try {
    const manifest = parseManifest(readFileSync(path.join(local.folder, MANIFEST_FILE_NAME), 'utf8')).value;
    const resolverKeys = await local.resolverKeys();
    await local.triggers.setClock(ENVIRONMENT, 3600).catch(() => undefined);
    const points = entryPointsOf(manifest, resolverKeys);
    // Consumers last: what the other entry points pushed reaches them first, as on the platform.
    const ordered = [...points.filter((point) => point.kind !== 'consumer'), ...points.filter((point) => point.kind === 'consumer')];
    for (const point of ordered) {
      const attempt = await withDeadline(attemptOf(local, point, resolverKeys, invocations));
      const verdict = judged(verdictOf(attempt), attempt, name, point.label, judgements);
      rows.push({ app: name, forgeApi, entry: point.label, outcome: verdict.outcome, cause: verdict.cause, judged: verdict.judged, error: attempt.error ?? undefined, result: attempt.result });
      process.stderr.write(`  ${pad(verdict)} ${point.label}: ${verdict.cause}\n`);
    }
    if (points.length === 0) rows.push({ app: name, forgeApi, entry: '(no entry points)', outcome: 'ran', cause: 'the manifest declares nothing to invoke' });
  } catch (error) {
    rows.push({ app: name, forgeApi, entry: '(app)', outcome: 'anvil', cause: `the corpus run failed: ${message(error)}` });
  } finally {
    await local.close().catch(() => undefined);
  }
  return rows;
}

async function attemptOf(local: LocalApp, point: EntryPoint, resolverKeys: string[], invocations: { request: RunRequest; outcome: RunOutcome }[]): Promise<Attempt> {
  try {
    switch (point.kind) {
      case 'remote':
        return { status: 'refused', error: `${point.label}: the platform calls a remote backend for it; it cannot run locally`, errorLogs: [], refusedCalls: [] };
      case 'resolver':
        return attemptFrom(await local.runner.run({ functionKey: point.key, payload: {}, environment: ENVIRONMENT, resolverKeys }));
      case 'ui-kit-1':
        return attemptFrom(
          point.moduleKey
            ? await local.runner.run({ functionKey: point.functionKey, moduleKey: point.moduleKey, payload: uiKit1Payload(point.moduleType, point.moduleKey, false), environment: ENVIRONMENT })
            : await local.runner.run({ functionKey: point.functionKey, payload: uiKit1Payload(point.moduleType, null, true), environment: ENVIRONMENT }),
        );
      case 'scheduled':
        return attemptFrom(await local.triggers.runSchedule(ENVIRONMENT, undefined, point.moduleKey));
      case 'product-event': {
        const event = await local.triggers.eventTemplate(ENVIRONMENT, undefined, point.eventType);
        const [delivery] = await local.triggers.fireEvent(ENVIRONMENT, undefined, point.eventType, event, point.moduleKey);
        if (!delivery) return { status: 'refused', error: 'no delivery', errorLogs: [], refusedCalls: [] };
        if (!delivery.outcome) return { status: 'ok', error: null, errorLogs: [], refusedCalls: [`not delivered: ${delivery.reason}`] };
        return attemptFrom(delivery.outcome);
      }
      case 'webtrigger': {
        const [installation] = await local.runner.listInstallations(ENVIRONMENT);
        const url = await local.triggers.webTriggerUrl(ENVIRONMENT, installation!.name, point.moduleKey);
        const before = invocations.length;
        const response = await fetch(url, WEB_TRIGGER_REQUEST);
        await response.text();
        const invoked = invocations.slice(before).find((entry) => entry.request.moduleKey === point.moduleKey);
        if (!invoked)
          return { status: response.ok ? 'ok' : 'error', error: response.ok ? null : `HTTP ${response.status} without an invocation`, errorLogs: [], refusedCalls: [], httpStatus: response.status };
        return { ...attemptFrom(invoked.outcome), httpStatus: response.status };
      }
      case 'consumer': {
        await queueSettled(local);
        const delivered = invocations.filter((entry) => entry.request.moduleKey === point.moduleKey);
        // A job the app itself pushed is the realistic event; without one, an empty body.
        const outcome = delivered.find((entry) => entry.outcome.status !== 'ok')?.outcome ?? delivered[0]?.outcome;
        if (outcome) return attemptFrom(outcome);
        return attemptFrom(await local.runner.run({ functionKey: point.moduleKey, moduleKey: point.moduleKey, payload: consumerEvent(randomUUID()), environment: ENVIRONMENT }));
      }
      case 'rovo-action':
        return attemptFrom(await local.runner.run({ functionKey: point.moduleKey, moduleKey: point.moduleKey, payload: rovoActionPayload(point.inputs), environment: ENVIRONMENT }));
    }
  } catch (error) {
    return { status: 'refused', error: error instanceof AnvilError || error instanceof Error ? error.message : String(error), errorLogs: [], refusedCalls: [] };
  }
}

function attemptFrom(outcome: Pick<RunOutcome, 'status' | 'error' | 'logs' | 'calls' | 'result'>): Attempt {
  return {
    result: JSON.stringify(outcome.result ?? null)?.slice(0, 300),
    status: outcome.status,
    error: outcome.error,
    errorLogs: outcome.logs.filter((line) => line.level === 'error').map((line) => line.message),
    refusedCalls: outcome.calls
      .filter((call) => !call.allowed || call.fixture?.found === false)
      .map((call) => `${call.method} ${call.target} (${call.fixture?.found === false ? 'no fixture' : call.reason})`),
  };
}

// Jobs pushed while other entry points ran are delivered on the trigger clock (sped up above).
async function queueSettled(local: LocalApp): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const jobs = (await local.triggers.view(ENVIRONMENT)).jobs;
    if (!jobs.some((job) => job.state === 'pending' || job.state === 'running')) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function withDeadline(attempt: Promise<Attempt>): Promise<Attempt> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Attempt>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'timeout', error: `no outcome after ${GIVE_UP_MS / 1000} s (the corpus stopped waiting)`, errorLogs: [], refusedCalls: [] }), GIVE_UP_MS);
  });
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function appsOf(root: string): string[] {
  const list = path.join(root, 'apps.txt');
  if (existsSync(list))
    return readFileSync(list, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
  const found: string[] = [];
  const walk = (relative: string, depth: number) => {
    const folder = path.join(root, relative);
    if (existsSync(path.join(folder, MANIFEST_FILE_NAME)) && existsSync(path.join(folder, 'package.json'))) found.push(relative);
    if (depth === 0) return;
    for (const child of readdirSync(folder)) {
      if (child === 'node_modules' || child.startsWith('.') || child === 'static') continue;
      if (statSync(path.join(folder, child)).isDirectory()) walk(path.join(relative, child), depth - 1);
    }
  };
  walk('', 4);
  return found.sort();
}

/** `owner+name/sub/folder` (the corpus layout) as `owner/name/sub/folder`. */
function displayName(app: string): string {
  return app.replace('+', '/');
}

// Package files of the corpus apps are the apps' own: read only as far as they have the expected shape.
const installedPackage = fields({ version: required(string()) });
const declaringPackage = fields({ dependencies: optional(recordOf(anything)), devDependencies: optional(recordOf(anything)) });
const judgementsFile = list(
  fields({ app: required(string()), entry: required(string()), match: required(string()), outcome: required(oneOf(['ran', 'anvil', 'cannot run locally'])), cause: required(string()) }),
  Number.POSITIVE_INFINITY,
);

/** The @forge/api the app installed, or the range it declares, or `—` when it does not use it (or its package files cannot be read). */
function forgeApiVersion(folder: string): string {
  const installed = parseJson(readTextOr(path.join(folder, 'node_modules', '@forge', 'api', 'package.json')), installedPackage);
  if (installed.ok) return installed.value.version;
  const declaring = parseJson(readTextOr(path.join(folder, 'package.json')), declaringPackage);
  const range = declaring.ok ? (declaring.value.dependencies?.['@forge/api'] ?? declaring.value.devDependencies?.['@forge/api']) : undefined;
  return typeof range === 'string' ? range : '—';
}

function readTextOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function readJudgements(): Judgement[] {
  const file = path.join(import.meta.dirname ?? process.cwd(), 'judgements.json');
  const source = existsSync(file) ? file : path.join(process.cwd(), 'scripts', 'corpus', 'judgements.json');
  if (!existsSync(source)) return [];
  const parsed = parseJson(readFileSync(source, 'utf8'), judgementsFile);
  if (!parsed.ok) throw new Error(`${source} is not valid: ${parsed.problem}; fix the judgement it names.`);
  return parsed.value;
}

function valueOf(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function pad(verdict: Verdict): string {
  return `[${verdict.outcome}${verdict.judged ? '*' : ''}]`.padEnd(22);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

/**
 * What a Forge SQL call costs through the local runner (app code in the sandbox → the host's gateway
 * → the installation's database on the engine Anvil started, and back) against the same prepared
 * query sent directly to the same engine with mysql2, measured in the same run.
 * The runner's figure is per call: an invocation making CALLS calls, less an invocation making
 * none, divided by CALLS, so the invocation's own cost is left out. Never fails; without an engine
 * it says so.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { AppRunner } from '../main/runner';
import { findEngineBinaries, ForgeSql, installHint, installationDatabase, LocalEngine } from '../main/sql';
import { useForgeSql4 } from '../main/testing/forge-api-release';
import { sampleModulesInto } from '../main/testing/sample-modules';
import { oneFunctionManifest } from '../main/testing/small-app';
import { percentile } from './measure';

const CALLS = 200;
const ROUNDS = 15;

const MANIFEST = oneFunctionManifest().replace('modules:\n', 'modules:\n  sql:\n    - key: main\n      engine: mysql\n');

const SOURCE = `
import sql, { migrationRunner } from '@forge/sql';
export async function main(payload) {
  if (payload.setup) {
    await migrationRunner.enqueue('v1', 'CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(200))').run();
    for (let id = 1; id <= 50; id++) await sql.prepare('INSERT INTO notes (id, body) VALUES (?, ?)').bindParams(id, 'note ' + id).execute();
    return 'ready';
  }
  for (let n = 0; n < payload.calls; n++) await sql.prepare('SELECT id, body FROM notes WHERE id = ?').bindParams((n % 50) + 1).execute();
  return payload.calls;
}
`;

function summary(label: string, perCall: number[]): number {
  const sorted = [...perCall].sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  console.log(`${label.padEnd(52)} median ${(median * 1000).toFixed(0)} µs per call   p95 ${(percentile(sorted, 0.95) * 1000).toFixed(0)} µs`);
  return median;
}

async function main() {
  const binaries = findEngineBinaries();
  if (!binaries) {
    console.log(`sql-overhead: no SQL engine on this machine, nothing measured. ${installHint()}`);
    return;
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-sql-'));
  const app = path.join(root, 'app');
  mkdirSync(path.join(app, 'src'), { recursive: true });
  writeFileSync(path.join(app, 'manifest.yml'), MANIFEST);
  writeFileSync(path.join(app, 'src', 'index.js'), SOURCE);
  writeFileSync(path.join(app, 'package.json'), '{"name":"sql-bench"}');
  sampleModulesInto(app);
  useForgeSql4(app);
  const engine = new LocalEngine({ folder: path.join(root, 'engine'), binaries });
  const sql = new ForgeSql({ engine, limits: { dmlPerSecond: Number.MAX_SAFE_INTEGER } });
  const runner = new AppRunner(app, { dataDir: null, sql });
  try {
    const setup = await runner.run({ functionKey: 'main', payload: { setup: true } });
    if (setup.status !== 'ok') throw new Error(`the bench app failed: ${setup.error}`);
    const invocationMs = async (calls: number) => {
      const started = performance.now();
      const outcome = await runner.run({ functionKey: 'main', payload: { calls } });
      if (outcome.status !== 'ok') throw new Error(outcome.error ?? outcome.status);
      return performance.now() - started;
    };
    await invocationMs(CALLS);
    const throughRunner: number[] = [];
    for (let round = 0; round < ROUNDS; round++) throughRunner.push(((await invocationMs(CALLS)) - (await invocationMs(0))) / CALLS);

    const endpoint = await engine.endpoint();
    const installation = (await runner.listInstallations('development'))[0]!.name;
    const connection = await mysql.createConnection({
      socketPath: endpoint.socketPath,
      user: endpoint.user,
      password: endpoint.password,
      database: installationDatabase(app, 'development', installation).database,
    });
    const direct: number[] = [];
    for (let round = 0; round < ROUNDS + 1; round++) {
      const started = performance.now();
      for (let n = 0; n < CALLS; n++) await connection.execute('SELECT id, body FROM notes WHERE id = ?', [(n % 50) + 1]);
      if (round > 0) direct.push((performance.now() - started) / CALLS);
    }
    await connection.end();

    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${endpoint.label}`);
    const runnerMedian = summary('Forge SQL call through the runner (@forge/sql 4)', throughRunner);
    const directMedian = summary('same query straight to the engine (mysql2)', direct);
    console.log(`ratio: ×${(runnerMedian / directMedian).toFixed(1)} (median per call)`);
  } finally {
    runner.close();
    await sql.close();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();

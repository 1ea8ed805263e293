/**
 * Per-invocation overhead of the local runner (fresh vm context per invocation, in a permission-model
 * child process) for a trivial function, against a baseline measured in the same run: one warm forked
 * process per handler taking JSON over IPC, which is how the Forge tunnel runs functions (no isolation
 * between invocations). Prints median, p95 and invocations per second; never fails.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunnerHost } from '../main/runner/host/runner-host';
import { percentile } from './measure';

const INVOCATIONS = 600;
const WARM_UP = 60;

function describe(label: string, times: number[], wallMs: number) {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} median ${percentile(sorted, 0.5).toFixed(2)} ms   p95 ${percentile(sorted, 0.95).toFixed(2)} ms   ${((times.length / wallMs) * 1000).toFixed(0)}/s`);
  return percentile(sorted, 0.5);
}

async function main() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-runner-'));
  const bundles = path.join(root, 'bundles');
  mkdirSync(bundles);
  const bundlePath = path.join(bundles, 'index.cjs');
  writeFileSync(bundlePath, 'exports.handler = async (payload) => ({ sum: payload.a + payload.b, echo: payload.text });\n');

  const host = new RunnerHost({ bundlesRoot: bundles, memoryMB: 256 });
  const invoke = (index: number) =>
    host.invoke({ bundlePath, exportName: 'handler', payload: { a: index, b: 1, text: 'hello' }, context: {}, appContext: {}, env: {}, timeoutMs: 25_000, onCall: () => Promise.reject(new Error('no calls')) });
  for (let index = 0; index < WARM_UP; index += 1) await invoke(index);
  const anvil: number[] = [];
  let started = performance.now();
  for (let index = 0; index < INVOCATIONS; index += 1) {
    const one = performance.now();
    await invoke(index);
    anvil.push(performance.now() - one);
  }
  const anvilWall = performance.now() - started;
  host.close();

  const baselineScript = path.join(root, 'baseline.cjs');
  writeFileSync(baselineScript, `const handler = require(${JSON.stringify(bundlePath)}).handler;\nprocess.on('message', async (m) => process.send({ id: m.id, result: await handler(m.payload, {}) }));\n`);
  const child = fork(baselineScript, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let nextId = 0;
  const baselineInvoke = (index: number) =>
    new Promise<void>((resolve) => {
      const id = nextId++;
      const onMessage = (message: { id: number }) => {
        if (message.id !== id) return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      child.send({ id, payload: { a: index, b: 1, text: 'hello' } });
    });
  for (let index = 0; index < WARM_UP; index += 1) await baselineInvoke(index);
  const baseline: number[] = [];
  started = performance.now();
  for (let index = 0; index < INVOCATIONS; index += 1) {
    const one = performance.now();
    await baselineInvoke(index);
    baseline.push(performance.now() - one);
  }
  const baselineWall = performance.now() - started;
  child.kill();

  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${INVOCATIONS} invocations after ${WARM_UP} warm-up`);
  const a = describe('Anvil runner (fresh context per invocation)', anvil, anvilWall);
  const b = describe('baseline: warm forked process, JSON over IPC', baseline, baselineWall);
  console.log(`ratio to baseline: median ×${(a / b).toFixed(2)}`);
}

void main();

/**
 * Per-invocation overhead of the local runner (fresh vm context per invocation, in a permission-model
 * child process) for a trivial function, against a baseline measured in the same run: one warm forked
 * process per handler taking JSON over IPC, which is how the Forge tunnel runs functions (no isolation
 * between invocations). Two patterns, each for both:
 *   - back to back: the next invocation is sent as soon as the last one is done, so the runner has no
 *     idle time to prepare the next context ahead — its cost is part of every invocation;
 *   - paced: one invocation every PACE_MS, as when a developer clicks through an app, so the runner
 *     has prepared the next context (bootstrap and globals built, no app code run) before it arrives.
 * Prints median, p95 and (back to back) invocations per second; never fails.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RunnerHost } from '../main/runner/host/runner-host';
import { percentile } from './measure';

const INVOCATIONS = 600;
const WARM_UP = 60;
const PACED_INVOCATIONS = 150;
const PACE_MS = 20;

type Invoke = (index: number) => Promise<unknown>;

function describe(label: string, times: number[], wallMs: number | null) {
  const sorted = [...times].sort((a, b) => a - b);
  const rate = wallMs === null ? '' : `   ${((times.length / wallMs) * 1000).toFixed(0)}/s`;
  console.log(`${label.padEnd(58)} median ${percentile(sorted, 0.5).toFixed(2)} ms   p95 ${percentile(sorted, 0.95).toFixed(2)} ms${rate}`);
  return percentile(sorted, 0.5);
}

async function backToBack(invoke: Invoke): Promise<{ times: number[]; wallMs: number }> {
  for (let index = 0; index < WARM_UP; index += 1) await invoke(index);
  const times: number[] = [];
  const started = performance.now();
  for (let index = 0; index < INVOCATIONS; index += 1) {
    const one = performance.now();
    await invoke(index);
    times.push(performance.now() - one);
  }
  return { times, wallMs: performance.now() - started };
}

// Waits PACE_MS between the end of one invocation and the start of the next.
async function paced(invoke: Invoke): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < PACED_INVOCATIONS; index += 1) {
    await sleep(PACE_MS);
    const one = performance.now();
    await invoke(index);
    times.push(performance.now() - one);
  }
  return times;
}

async function main() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-runner-'));
  const bundles = path.join(root, 'bundles');
  mkdirSync(bundles);
  const bundlePath = path.join(bundles, 'index.cjs');
  writeFileSync(bundlePath, 'exports.handler = async (payload) => ({ sum: payload.a + payload.b, echo: payload.text });\n');

  const host = new RunnerHost({ bundlesRoot: bundles, memoryMB: 256 });
  const onCall = () => Promise.reject(new Error('no calls'));
  const invoke: Invoke = (index) => host.invoke({ bundlePath, exportName: 'handler', payload: { a: index, b: 1, text: 'hello' }, context: {}, appContext: {}, env: {}, timeoutMs: 25_000, onCall });
  const anvil = await backToBack(invoke);
  const anvilPaced = await paced(invoke);
  host.close();

  const baselineScript = path.join(root, 'baseline.cjs');
  writeFileSync(
    baselineScript,
    `const handler = require(${JSON.stringify(bundlePath)}).handler;\nprocess.on('message', async (m) => process.send({ id: m.id, result: await handler(m.payload, {}) }));\n`,
  );
  const child = fork(baselineScript, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let nextId = 0;
  const baselineInvoke: Invoke = (index) =>
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
  const baseline = await backToBack(baselineInvoke);
  const baselinePaced = await paced(baselineInvoke);
  child.kill();

  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ` +
      `${INVOCATIONS} back-to-back invocations after ${WARM_UP} warm-up, then ${PACED_INVOCATIONS} paced ${PACE_MS} ms apart`,
  );
  const a = describe('Anvil runner, back to back (fresh context per invocation)', anvil.times, anvil.wallMs);
  const b = describe('baseline, back to back: warm forked process, JSON over IPC', baseline.times, baseline.wallMs);
  const c = describe(`Anvil runner, paced (fresh context prepared while idle)`, anvilPaced, null);
  const d = describe(`baseline, paced`, baselinePaced, null);
  console.log(`ratio to baseline: median ×${(a / b).toFixed(2)} back to back, ×${(c / d).toFixed(2)} paced`);
}

void main();

/**
 * Following an environment's cloud logs, against a stand-in Forge platform on loopback HTTPS. Prints:
 *   - latency: a line added at the stand-in → stored by the follower (redacted, indexed, searchable),
 *     median and p95 over 20 lines. The follower's pacing is set short (printed) so the figure is
 *     Anvil's request, checks and storing, not the 2 s poll interval it uses for real;
 *   - throughput for a burst of 10,000 lines (lines/s) from a fresh start, next to a baseline in the
 *     same run: the same window fetched by the client alone, page by page, without storing.
 * Uses a temporary folder, removed at the end; never fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudLogFollower, ForgePlatformClient, type CloudLogSink, type FollowPacing } from '../main/cloud';
import { openAppDatabase } from '../main/database';
import { cloudLogSink, LogStore, Redactor } from '../main/logs';
import { sampleCloudApp, sampleLogLines, STAGING_ENVIRONMENT_ID, STAND_IN_LOGIN } from '../main/testing/forge-platform-sample';
import { startForgePlatformStandIn, type ForgePlatformStandIn } from '../main/testing/forge-platform-stand-in';
import { percentile } from './measure';

const LATENCY_LINES = 20;
const LATENCY_WARM_UP = 3;
const BURST_LINES = 10_000;
const BURST_RUNS = 3;
/** The platform answers at most this many lines per page; the stand-in is set to the same. */
const PAGE_MAX = 1000;
const PACING: Partial<FollowPacing> = { activeMs: 20, idleMaxMs: 20, failureBaseMs: 20, failureMaxMs: 200, pageSize: PAGE_MAX };

const app = sampleCloudApp();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-cloud-'));
let runs = 0;

/** A fresh store, and a sink that says when a line with a given message is stored. */
function freshSink(): { sink: CloudLogSink; storedCount: () => number; whenStored: (message: string) => Promise<void>; close: () => void } {
  const db = openAppDatabase(path.join(scratch, `run-${(runs += 1)}`, 'app.sqlite'));
  const redactor = new Redactor();
  redactor.setSecrets([{ name: 'atlassian-account', value: STAND_IN_LOGIN.token }]);
  const base = cloudLogSink(new LogStore(db, { redactor }), 'staging', (text) => redactor.redact(text));
  const waiting = new Map<string, () => void>();
  let count = 0;
  const sink: CloudLogSink = {
    ...base,
    store: (lines) => {
      base.store(lines);
      count += lines.length;
      for (const line of lines) {
        const resolve = waiting.get(line.message ?? '');
        if (resolve) {
          waiting.delete(line.message ?? '');
          resolve();
        }
      }
    },
  };
  return {
    sink,
    storedCount: () => count,
    whenStored: (message) => new Promise<void>((resolve) => waiting.set(message, resolve)),
    close: () => db.close(),
  };
}

function clientOf(standIn: ForgePlatformStandIn): ForgePlatformClient {
  return new ForgePlatformClient({ login: STAND_IN_LOGIN, gateway: standIn.url, extraCaCertificates: [standIn.ca] });
}

function follower(standIn: ForgePlatformStandIn, sink: CloudLogSink): CloudLogFollower {
  return new CloudLogFollower({ client: clientOf(standIn), appId: app.id, environment: 'staging', sink, pacing: PACING, onState: () => undefined });
}

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

async function latency(): Promise<number[]> {
  const standIn = await startForgePlatformStandIn({ login: STAND_IN_LOGIN, app, pageMax: PAGE_MAX });
  const { sink, whenStored, close } = freshSink();
  const following = follower(standIn, sink);
  following.start();
  const times: number[] = [];
  try {
    for (let index = 0; index < LATENCY_WARM_UP + LATENCY_LINES; index += 1) {
      const message = `latency line ${index}`;
      const stored = whenStored(message);
      const started = process.hrtime.bigint();
      standIn.state.logs.push({ ...sampleLogLines(1, STAGING_ENVIRONMENT_ID, Date.now())[0]!, invocationId: `latency-${index}`, message });
      await stored;
      if (index >= LATENCY_WARM_UP) times.push(ms(started));
    }
  } finally {
    following.stop();
    await following.settled();
    close();
    await standIn.close();
  }
  return times;
}

async function burst(): Promise<{ follower: number[]; client: number[] }> {
  // Ten lines a second over the last 20 minutes: all inside the hour a first start reads.
  const start = Date.now() - 20 * 60_000;
  const lines = sampleLogLines(BURST_LINES, STAGING_ENVIRONMENT_ID, start).map((line, index) => ({ ...line, ts: new Date(start + index * 100).toISOString() }));
  const standIn = await startForgePlatformStandIn({ login: STAND_IN_LOGIN, app, logs: lines, pageMax: PAGE_MAX });
  const result = { follower: [] as number[], client: [] as number[] };
  try {
    for (let run = 0; run < BURST_RUNS; run += 1) {
      // Baseline: the client reads the same window, page by page, and keeps the lines in memory.
      const client = clientOf(standIn);
      const environmentId = await client.environmentId(app.id, 'staging');
      let started = process.hrtime.bigint();
      const fetched = await client.allAppLogs({ appId: app.id, environmentId, since: new Date(Date.now() - 60 * 60_000), pageSize: PAGE_MAX, maxLines: BURST_LINES * 2 });
      result.client.push(ms(started));
      if (fetched.lines.length !== BURST_LINES) console.log(`note: the client read ${fetched.lines.length} lines, not ${BURST_LINES}`);

      const { sink, storedCount, close } = freshSink();
      const following = follower(standIn, sink);
      started = process.hrtime.bigint();
      following.start();
      await following.settled();
      result.follower.push(ms(started));
      following.stop();
      await following.settled();
      if (storedCount() !== BURST_LINES) console.log(`note: the follower stored ${storedCount()} lines, not ${BURST_LINES}`);
      close();
    }
  } finally {
    await standIn.close();
  }
  return result;
}

function row(label: string, values: number[], unit = 'ms'): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${label.padEnd(52)} median ${percentile(sorted, 0.5).toFixed(1)} ${unit}   p95 ${percentile(sorted, 0.95).toFixed(1)} ${unit}`;
}

try {
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`follower pacing: a read every ${PACING.activeMs} ms (idle at most ${PACING.idleMaxMs} ms; real use: 2 s, up to 30 s), ${PAGE_MAX} lines per page`);
  const times = await latency();
  console.log(row(`latency, line at the platform → stored (${LATENCY_LINES} lines)`, times));
  const { follower: followed, client } = await burst();
  const rate = (values: number[]) =>
    (
      BURST_LINES /
      (percentile(
        [...values].sort((a, b) => a - b),
        0.5,
      ) /
        1000)
    ).toFixed(0);
  console.log(`${row(`burst of ${BURST_LINES.toLocaleString('en')} lines, follower (read + store)`, followed)}   ${rate(followed)} lines/s`);
  console.log(`${row(`baseline: the client alone (read, not stored)`, client)}   ${rate(client)} lines/s`);
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      0.5,
    );
  console.log(`ratio to baseline: ×${(median(followed) / median(client)).toFixed(2)} (median time)`);
} catch (error) {
  console.log(`cloud-follow benchmark could not run: ${(error as Error).message}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

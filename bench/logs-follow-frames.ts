/**
 * The Logs pane while following 10,000 lines per second, in Chromium: frame intervals measured in
 * the page with requestAnimationFrame, next to a baseline measured in the same run (the same page,
 * following, with no lines arriving). Lines reach the page the way live lines do: the core's
 * `logLines` stream over the web shell's WebSocket. Prints figures; it is not a pass/fail test.
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LogLine } from '../common/types';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium';
import { projectRoot, sampleAppFolder } from '../main/project-root';
import { openFileSettings } from '../main/settings';
import { startWebShell } from '../main/web';
import { Workbench } from '../main/workbench';
import { percentile } from './measure';

// Runs in the page (evaluate): the browser's, not Node's.
declare function requestAnimationFrame(callback: (time: number) => void): number;

const LINES_PER_SECOND = 10_000;
const BATCH_EVERY_MS = 20;
const MEASURE_MS = 5_000;

async function main() {
  const rendererDir = path.join(projectRoot(), 'out', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('The renderer is not built: run npm run build first.');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-frames-'));
  const workbench = new Workbench({ shell: 'web', version: 'bench', settings: openFileSettings(scratch), dataDir: scratch });
  await workbench.openApp({ folder: sampleAppFolder() });
  const shell = await startWebShell({ workbench, rendererDir, port: 0, log: () => {} });
  const browser = await chromium.launchPersistentContext(path.join(scratch, 'profile'), { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 900 } });
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Logs' }).click();
  await page.getByRole('region', { name: 'Logs' }).waitFor();
  await page.waitForTimeout(1000);

  const measure = () =>
    page.evaluate(
      (duration) =>
        new Promise<number[]>((resolve) => {
          const times: number[] = [];
          const started = performance.now();
          const step = (now: number) => {
            times.push(now);
            if (now - started < duration) requestAnimationFrame(step);
            else resolve(times.slice(1).map((time, index) => time - times[index]!));
          };
          requestAnimationFrame(step);
        }),
      MEASURE_MS,
    );

  const idle = await measure();
  let id = 1_000_000;
  const perBatch = (LINES_PER_SECOND * BATCH_EVERY_MS) / 1000;
  const feed = setInterval(() => {
    const now = Date.now();
    const lines: LogLine[] = Array.from({ length: perBatch }, (_, index) => ({
      id: ++id,
      ts: now,
      environment: 'development',
      level: index % 25 === 0 ? 'warn' : 'info',
      message: `sync page ${id}: fetched 50 issues from DEMO in ${index % 90} ms`,
      invocationId: `bench-${Math.floor(id / 500)}`,
      functionKey: 'sync',
      moduleKey: 'hourly-sync',
      installation: 'local-jira',
      fields: null,
    }));
    workbench.streams.publish('logLines', { environment: 'development', lines });
  }, BATCH_EVERY_MS);
  await page.waitForTimeout(500);
  const following = await measure();
  clearInterval(feed);
  const shown = await page
    .getByRole('list', { name: 'Log lines' })
    .getAttribute('aria-rowcount')
    .catch(() => null);

  const describe = (label: string, frames: number[]) => {
    const sorted = [...frames].sort((a, b) => a - b);
    const over = frames.filter((frame) => frame > 50).length;
    console.log(
      `${label.padEnd(52)} frames ${String(frames.length).padStart(4)}   median ${percentile(sorted, 0.5).toFixed(1)} ms   p95 ${percentile(sorted, 0.95).toFixed(1)} ms   max ${Math.max(...frames).toFixed(1)} ms   over 50 ms: ${over}`,
    );
    return percentile(sorted, 0.95);
  };
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, Chromium headless; ${LINES_PER_SECOND} lines/s in batches every ${BATCH_EVERY_MS} ms, ${MEASURE_MS / 1000} s each`,
  );
  const base = describe('baseline: Logs pane following, no lines arriving', idle);
  const load = describe(`Logs pane following ${LINES_PER_SECOND.toLocaleString('en')} lines/s`, following);
  console.log(`ratio of p95 to baseline: ×${(load / base).toFixed(2)}${shown ? `; rows in the list: ${shown}` : ''}`);

  await browser.close();
  workbench.close();
  await shell.close();
  rmSync(scratch, { recursive: true, force: true });
}

void main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});

/**
 * Typing in the manifest editor, in Chromium, measured in the page: keystroke to marker (from the
 * keydown to the moment the editor's DOM gains or loses the error squiggle that keystroke causes),
 * long tasks while typing, and, from navigation, first contentful paint and first diagnostics.
 * The workbench runs as `anvil serve` on a copy of the sample app; each keystroke adds an "x" to a
 * scope (an unknown scope: an error) or takes it away again. Baseline, in the same run and served the
 * same way: bare Monaco of the same version validating the same edit synchronously with a debounce
 * of 0. Target: p95 ≤ 100 ms, no long task over 50 ms. Prints figures; it is not a pass/fail test.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium';
import { startWebShell as startAnvilServe } from '../e2e/support/web-shell';
import { projectRoot, sampleAppFolder } from '../main/project-root';
import { openFileSettings } from '../main/settings';
import { startWebShell } from '../main/web';
import { Workbench } from '../main/workbench';
import { percentile } from './measure';
import { buildBareMonaco } from './typing/bare-monaco';
import { installProbe, readProbe, waitForChanges, watchMarkers, type LongTask } from './typing/probe';

const ROUNDS = 3;
const KEYSTROKES = 24;
const WARM_UP = 2;
// Between keystrokes: every answer and repaint of the last one is over, so each is timed on its own.
const SETTLE_MS = 400;
const GIVE_UP_MS = 5_000;
const SCOPE_LINE = '- storage:app';

// Runs in the page (waitForFunction, evaluate): the browser's, not Node's.
declare const document: { querySelector(selector: string): { textContent: string | null } | null };
declare const performance: { now(): number; getEntriesByName(name: string): { startTime: number }[] };

interface Round {
  firstPaint: number;
  firstDiagnostics: number;
  /** Keystroke to marker, ms, warm-up left out. */
  latencies: number[];
  missed: number;
  loadTasks: LongTask[];
  typingTasks: LongTask[];
}

interface PageUnderTest {
  url: string;
  /** The element holding the editor. */
  editor: string;
  stop(): Promise<void>;
}

async function firstDiagnosticsAt(page: Page): Promise<number> {
  // A function, not a string: the workbench's CSP allows no eval.
  const handle = await page.waitForFunction(
    () => {
      const counts = document.querySelector('.problem-counts');
      return counts?.textContent?.includes('errors') ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function firstPaintAt(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { polling: 'raf', timeout: 10_000 });
  return page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
}

async function measureRound(browser: Browser, target: PageUnderTest): Promise<Round> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // Someone who has seen the getting-started guide: it would cover the editor.
  await context.addInitScript({ content: "try { localStorage.setItem('anvil.gettingStarted.seen', 'seen') } catch {}" });
  const page = await context.newPage();
  await installProbe(page);
  try {
    await page.goto(target.url, { waitUntil: 'commit' });
    const firstDiagnostics = await firstDiagnosticsAt(page);
    const firstPaint = await firstPaintAt(page);

    await page.locator(`${target.editor} .view-line`, { hasText: SCOPE_LINE }).click();
    await page.keyboard.press('End');
    await page.waitForTimeout(2 * SETTLE_MS);
    await watchMarkers(page, target.editor);
    const before = await readProbe(page);
    const firstKey = before.keys.length;
    let missed = 0;
    let typed = 0;
    for (; typed < KEYSTROKES + WARM_UP; typed += 1) {
      // Even keystrokes make the scope unknown, odd ones put it back.
      await page.keyboard.press(typed % 2 === 0 ? 'x' : 'Backspace');
      if (!(await waitForChanges(page, typed + 1, GIVE_UP_MS))) {
        missed += 1;
        break;
      }
      await page.waitForTimeout(SETTLE_MS);
    }
    const probe = await readProbe(page);
    const latencies: number[] = [];
    for (let index = WARM_UP; index < Math.min(typed, probe.changes.length); index += 1) latencies.push(probe.changes[index]!.at - probe.keys[firstKey + index]!);
    const typingFrom = probe.keys[firstKey] ?? Number.POSITIVE_INFINITY;
    return {
      firstPaint,
      firstDiagnostics,
      latencies,
      missed,
      loadTasks: probe.longTasks.filter((task) => task.start < firstDiagnostics),
      typingTasks: probe.longTasks.filter((task) => task.start >= typingFrom),
    };
  } finally {
    await context.close();
    await target.stop();
  }
}

async function anvilPage(): Promise<PageUnderTest> {
  const shell = await startAnvilServe();
  return { url: shell.url, editor: '[data-testid="manifest-editor"]', stop: () => shell.stop() };
}

async function barePage(folder: string): Promise<PageUnderTest> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-typing-'));
  const workbench = new Workbench({ shell: 'web', version: 'bench', settings: openFileSettings(scratch), dataDir: scratch });
  const shell = await startWebShell({ workbench, rendererDir: folder, port: 0, log: () => {} });
  return {
    url: `http://127.0.0.1:${shell.port}/`,
    editor: '#editor',
    stop: async () => {
      workbench.close();
      await shell.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

interface Summary {
  firstPaint: number;
  firstDiagnostics: number;
  median: number;
  p95: number;
  max: number;
  keystrokes: number;
  missed: number;
  loadLongest: number;
  typingLongTasks: number;
  typingLongest: number;
}

function summarise(rounds: Round[]): Summary {
  const middle = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      0.5,
    );
  const latencies = rounds.flatMap((round) => round.latencies).sort((a, b) => a - b);
  const typing = rounds.flatMap((round) => round.typingTasks);
  const longest = (tasks: LongTask[]) => tasks.reduce((most, task) => Math.max(most, task.duration), 0);
  return {
    firstPaint: middle(rounds.map((round) => round.firstPaint)),
    firstDiagnostics: middle(rounds.map((round) => round.firstDiagnostics)),
    median: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    keystrokes: latencies.length,
    missed: rounds.reduce((sum, round) => sum + round.missed, 0),
    loadLongest: longest(rounds.flatMap((round) => round.loadTasks)),
    typingLongTasks: typing.length,
    typingLongest: longest(typing),
  };
}

function printSummaries(anvil: Summary, bare: Summary): void {
  const row = (label: string, a: number, b: number, unit = ' ms') => {
    const ratio = b > 0 ? `×${(a / b).toFixed(2)}` : '–';
    console.log(`${label.padEnd(40)}${(a.toFixed(0) + unit).padStart(12)}${(b.toFixed(0) + unit).padStart(14)}${ratio.padStart(9)}`);
  };
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, Chromium headless, cold context per round; ` +
      `${ROUNDS} rounds of ${KEYSTROKES} keystrokes (${WARM_UP} more to warm up), ${SETTLE_MS} ms apart`,
  );
  console.log(`${''.padEnd(40)}${'workbench'.padStart(12)}${'bare Monaco'.padStart(14)}${'ratio'.padStart(9)}`);
  row('first contentful paint (median)', anvil.firstPaint, bare.firstPaint);
  row('first diagnostics (median)', anvil.firstDiagnostics, bare.firstDiagnostics);
  row('keystroke to marker, median', anvil.median, bare.median);
  row('keystroke to marker, p95 (target ≤ 100)', anvil.p95, bare.p95);
  row('keystroke to marker, max', anvil.max, bare.max);
  row('longest task while loading', anvil.loadLongest, bare.loadLongest);
  row('longest task while typing (target ≤ 50)', anvil.typingLongest, bare.typingLongest);
  row('long tasks while typing', anvil.typingLongTasks, bare.typingLongTasks, '');
  console.log(`keystrokes timed: ${anvil.keystrokes} and ${bare.keystrokes}; markers that never came (round cut short): ${anvil.missed} and ${bare.missed}`);
  console.log('first paint and diagnostics from navigation; a long task is one over 50 ms (0 means none); bare Monaco validates in the page, the workbench asks the core.');
}

async function main() {
  if (!existsSync(path.join(projectRoot(), 'out', 'renderer', 'index.html')) || !existsSync(path.join(projectRoot(), 'out', 'main', 'cli.mjs'))) {
    throw new Error('Anvil is not built: run npm run build first.');
  }
  const manifest = readFileSync(path.join(sampleAppFolder(), 'manifest.yml'), 'utf8');
  const bare = await buildBareMonaco(manifest);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const anvilRounds: Round[] = [];
  const bareRounds: Round[] = [];
  try {
    // Alternated, so a busy moment of the machine falls on both.
    for (let round = 0; round < ROUNDS; round += 1) {
      anvilRounds.push(await measureRound(browser, await anvilPage()));
      bareRounds.push(await measureRound(browser, await barePage(bare.folder)));
    }
  } finally {
    await browser.close();
    bare.remove();
  }
  printSummaries(summarise(anvilRounds), summarise(bareRounds));
}

void main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});

/**
 * Start-up of the workbench in Chromium, cold (a fresh browser context each run): first contentful
 * paint, the workbench painted (header and pane tabs), the manifest in the editor, and the first
 * diagnostics. Baseline, measured in the same run and served the same way (the web shell, its
 * headers and compression): a bare page that shows the same manifest in Monaco with one marker.
 * Median of several runs. Prints figures; it is not a pass/fail test.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium';
import { projectRoot, sampleAppFolder } from '../main/project-root';
import { openFileSettings } from '../main/settings';
import { startWebShell } from '../main/web';
import { Workbench } from '../main/workbench';
import { precompressFolder } from '../scripts/precompress.mjs';
import { percentile } from './measure';

const RUNS = 7;
const WARM_UP = 1;

// Run in the page (waitForFunction, evaluate): the browser's, not Node's.
declare const document: { querySelector(selector: string): { textContent: string | null } | null };
interface PageEntry {
  startTime: number;
  transferSize?: number;
}
declare const performance: { now(): number; getEntriesByName(name: string): PageEntry[]; getEntriesByType(type: string): PageEntry[] };

type Milestones = Record<string, number>;

/** The bare page: Monaco with YAML, the sample manifest and one marker, nothing else. */
async function buildBareMonaco(manifest: string): Promise<string> {
  const source = path.join(projectRoot(), 'out', 'bench', 'bare-monaco-src');
  const outDir = path.join(projectRoot(), 'out', 'bench', 'bare-monaco');
  mkdirSync(source, { recursive: true });
  writeFileSync(
    path.join(source, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Bare Monaco</title></head>' +
      '<body style="margin:0"><div id="editor" style="width:100vw;height:100vh"></div><script type="module" src="./main.ts"></script></body></html>',
  );
  writeFileSync(
    path.join(source, 'main.ts'),
    [
      "import * as monaco from 'monaco-editor/editor/editor.api';",
      "import 'monaco-editor/features/register.all';",
      "import 'monaco-editor/languages/definitions/yaml/register';",
      "import EditorWorker from 'monaco-editor/editor/editor.worker?worker';",
      'self.MonacoEnvironment = { getWorker: () => new EditorWorker() };',
      `const editor = monaco.editor.create(document.getElementById('editor'), { value: ${JSON.stringify(manifest)}, language: 'yaml', theme: 'vs-dark', minimap: { enabled: false }, automaticLayout: true });`,
      "monaco.editor.setModelMarkers(editor.getModel(), 'bench', [{ startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 8, message: 'bench', severity: monaco.MarkerSeverity.Error }]);",
    ].join('\n'),
  );
  await build({ configFile: false, root: source, base: './', logLevel: 'error', build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8000 }, worker: { format: 'es' } });
  await precompressFolder(outDir);
  return outDir;
}

/** What the page shows at a milestone: an element, with a text when given. */
interface Shown {
  selector: string;
  text?: string;
  /** The text must equal rather than contain `text`. */
  exact?: boolean;
}

async function waitFor(page: Page, shown: Shown): Promise<number> {
  // A function, not a string: the workbench's CSP allows no eval. Polled on animation frames, so the
  // time is that of the first frame that shows it.
  const handle = await page.waitForFunction(
    ({ selector, text, exact }: Shown) => {
      const found = document.querySelector(selector);
      if (!found) return false;
      const content = found.textContent ?? '';
      const matches = text === undefined || (exact ? content === text : content.includes(text));
      return matches ? performance.now() : false;
    },
    shown,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function pageFigures(page: Page): Promise<{ fcp: number; bytes: number }> {
  // The paint entry is reported a little after the frame it times.
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { polling: 'raf', timeout: 10_000 });
  return page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const entries = [...performance.getEntriesByType('resource'), ...performance.getEntriesByType('navigation')];
    return { fcp: fcp ? fcp.startTime : Number.NaN, bytes: entries.reduce((sum, entry) => sum + (entry.transferSize ?? 0), 0) };
  });
}

async function measureAnvil(browser: Browser, scratch: string, appName: string, rendererDir: string): Promise<Milestones> {
  const workbench = new Workbench({ shell: 'web', version: 'bench', settings: openFileSettings(scratch), dataDir: scratch });
  await workbench.openApp({ folder: sampleAppFolder() });
  const shell = await startWebShell({ workbench, rendererDir, port: 0, log: () => {} });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(shell.url, { waitUntil: 'commit' });
    await waitFor(page, { selector: '[role="tablist"][aria-label="Panes"]' });
    const workbenchPainted = await waitFor(page, { selector: '[data-testid="app-name"]', text: appName, exact: true });
    const editorPainted = await waitFor(page, { selector: '[data-testid="manifest-editor"] .view-lines', text: 'modules' });
    const diagnostics = await waitFor(page, { selector: '.problem-counts', text: 'errors' });
    const { fcp, bytes } = await pageFigures(page);
    return { 'first contentful paint': fcp, 'workbench painted': workbenchPainted, 'manifest in the editor': editorPainted, 'first diagnostics': diagnostics, 'KB transferred': bytes / 1024 };
  } finally {
    await context.close();
    workbench.close();
    await shell.close();
  }
}

async function measureBare(browser: Browser, scratch: string, bareDir: string): Promise<Milestones> {
  const workbench = new Workbench({ shell: 'web', version: 'bench', settings: openFileSettings(scratch), dataDir: scratch });
  const shell = await startWebShell({ workbench, rendererDir: bareDir, port: 0, log: () => {} });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${shell.port}/`, { waitUntil: 'commit' });
    const editorPainted = await waitFor(page, { selector: '.view-lines', text: 'modules' });
    const marker = await waitFor(page, { selector: '.squiggly-error' });
    const { fcp, bytes } = await pageFigures(page);
    return { 'first contentful paint': fcp, 'workbench painted': editorPainted, 'manifest in the editor': editorPainted, 'first diagnostics': marker, 'KB transferred': bytes / 1024 };
  } finally {
    await context.close();
    workbench.close();
    await shell.close();
  }
}

function medians(runs: Milestones[]): Milestones {
  const result: Milestones = {};
  for (const key of Object.keys(runs[0] ?? {}))
    result[key] = percentile(
      runs.map((run) => run[key]!).sort((a, b) => a - b),
      0.5,
    );
  return result;
}

async function main() {
  // Another build (an older one, to compare) can be named in ANVIL_BENCH_RENDERER.
  const rendererDir = path.resolve(process.env.ANVIL_BENCH_RENDERER ?? path.join(projectRoot(), 'out', 'renderer'));
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('The renderer is not built: run npm run build first.');
  const manifest = readFileSync(path.join(sampleAppFolder(), 'manifest.yml'), 'utf8');
  const appName = JSON.parse(readFileSync(path.join(sampleAppFolder(), 'package.json'), 'utf8')).name as string;
  const bareDir = await buildBareMonaco(manifest);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-first-paint-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const anvil: Milestones[] = [];
  const bare: Milestones[] = [];
  try {
    // Alternated, so a busy moment of the machine falls on both.
    for (let run = 0; run < RUNS + WARM_UP; run += 1) {
      const anvilRun = await measureAnvil(browser, path.join(scratch, `anvil-${run}`), appName, rendererDir);
      const bareRun = await measureBare(browser, path.join(scratch, `bare-${run}`), bareDir);
      if (run >= WARM_UP) {
        anvil.push(anvilRun);
        bare.push(bareRun);
      }
    }
  } finally {
    await browser.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  const a = medians(anvil);
  const b = medians(bare);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, Chromium headless, cold context per run; median of ${RUNS} runs (ms from navigation)`);
  console.log(`${''.padEnd(26)}${'workbench'.padStart(12)}${'bare Monaco'.padStart(14)}${'ratio'.padStart(9)}`);
  for (const key of Object.keys(a)) {
    const unit = key.startsWith('KB') ? '' : ' ms';
    console.log(`${key.padEnd(26)}${(a[key]!.toFixed(0) + unit).padStart(12)}${(b[key]!.toFixed(0) + unit).padStart(14)}${('×' + (a[key]! / b[key]!).toFixed(2)).padStart(9)}`);
  }
  console.log('bare Monaco has no workbench: its "workbench painted" is its editor painted, its "first diagnostics" a marker it sets itself.');
}

void main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});

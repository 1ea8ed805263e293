/**
 * What the typing benchmark measures inside the page, from its DOM and the browser's own timings:
 * each keydown's time, each moment an error squiggle appears in or leaves the editor, and every long
 * task. Plain script, installed before the page's own code runs, the same on both pages; it reads
 * nothing of the workbench but what a user sees.
 */
import type { Page } from '@playwright/test';

export interface MarkerChange {
  /** performance.now() when the editor's DOM changed. */
  at: number;
  /** Whether an error squiggle is shown after the change. */
  shown: boolean;
}

export interface LongTask {
  start: number;
  duration: number;
}

interface Probe {
  keys: number[];
  changes: MarkerChange[];
  longTasks: LongTask[];
  watch(selector: string): boolean;
  nextChange(count: number, timeoutMs: number): Promise<boolean>;
}

// A string, not a function: it runs as the page's first script, untouched by the bundler.
const PROBE_SCRIPT = `(() => {
  const probe = { keys: [], changes: [], longTasks: [], waiters: [] };
  // Capture phase on the window: before the editor sees the key. timeStamp is when the event was made.
  addEventListener('keydown', (event) => probe.keys.push(event.timeStamp), true);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  probe.watch = (selector) => {
    const root = document.querySelector(selector);
    if (!root) return false;
    let shown = root.querySelector('.squiggly-error') !== null;
    new MutationObserver(() => {
      const now = root.querySelector('.squiggly-error') !== null;
      if (now === shown) return;
      shown = now;
      probe.changes.push({ at: performance.now(), shown });
      const ready = probe.waiters.filter((waiter) => probe.changes.length >= waiter.count);
      probe.waiters = probe.waiters.filter((waiter) => probe.changes.length < waiter.count);
      for (const waiter of ready) waiter.resolve(true);
    }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    return true;
  };
  // Resolves (without polling, so the page does no extra work) once there are count changes.
  probe.nextChange = (count, timeoutMs) => new Promise((resolve) => {
    if (probe.changes.length >= count) return resolve(true);
    probe.waiters.push({ count, resolve });
    setTimeout(() => resolve(false), timeoutMs);
  });
  globalThis.__typingProbe = probe;
})();`;

export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: PROBE_SCRIPT });
}

/** Start watching the editor under `selector` for error squiggles. */
export async function watchMarkers(page: Page, selector: string): Promise<void> {
  const watching = await page.evaluate((root) => (globalThis as unknown as { __typingProbe: Probe }).__typingProbe.watch(root), selector);
  if (!watching) throw new Error(`No editor at ${selector}`);
}

/** Wait until the page has seen `count` squiggle changes in all; false when it gave up. */
export function waitForChanges(page: Page, count: number, timeoutMs: number): Promise<boolean> {
  return page.evaluate(([wanted, timeout]) => (globalThis as unknown as { __typingProbe: Probe }).__typingProbe.nextChange(wanted, timeout), [count, timeoutMs] as const);
}

export function readProbe(page: Page): Promise<{ keys: number[]; changes: MarkerChange[]; longTasks: LongTask[] }> {
  return page.evaluate(() => {
    const probe = (globalThis as unknown as { __typingProbe: Probe }).__typingProbe;
    return { keys: [...probe.keys], changes: [...probe.changes], longTasks: [...probe.longTasks] };
  });
}

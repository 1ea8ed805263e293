import type { Locator, Page } from '@playwright/test';
import { expect } from './chromium';
import type { RunningWebShell } from './web-shell';

/** The panes issue #16 names; the strip may hold more (every tab found is visited too). */
export const PANES = ['Scopes', 'Consent', 'Runner', 'Preview', 'Triggers', 'Environments', 'Logs', 'Cloud', 'Terminal', 'Credentials'];

export const VIEWPORTS = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
];

export type ThemeName = 'dark' | 'light' | 'hc';

/** How the operating system asks for each theme; the workbench follows it unless the user picked one. */
export const THEMES: { name: ThemeName; media: Parameters<Page['emulateMedia']>[0] }[] = [
  { name: 'dark', media: { colorScheme: 'dark', contrast: 'no-preference' } },
  { name: 'light', media: { colorScheme: 'light', contrast: 'no-preference' } },
  { name: 'hc', media: { colorScheme: 'dark', contrast: 'more' } },
];

/**
 * Opens the workbench in a theme. Returns false when the build does not have that theme (before
 * themes there is the one dark look, which `dataset.theme` does not name).
 */
export async function openWorkbench(page: Page, shell: RunningWebShell, theme: ThemeName = 'dark'): Promise<boolean> {
  const wanted = THEMES.find((candidate) => candidate.name === theme)!;
  await page.emulateMedia(wanted.media);
  await page.goto(shell.url);
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  const shown = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { dataset: { theme?: string } } } }).document.documentElement.dataset.theme ?? null);
  return shown === theme || (shown === null && theme === 'dark');
}

export function paneStrip(page: Page): Locator {
  return page.getByRole('tablist', { name: 'Panes' });
}

/** Every tab of the pane strip, by name: the nine first, then any others the strip has. */
export async function paneNames(page: Page): Promise<string[]> {
  const strip = paneStrip(page);
  await expect(strip.getByRole('tab')).not.toHaveCount(0);
  const names = (await strip.getByRole('tab').allInnerTexts()).map((name) => name.trim());
  for (const name of PANES) expect(names, `the pane strip has ${name}`).toContain(name);
  return [...PANES, ...names.filter((name) => !PANES.includes(name))];
}

/** The tab panel of a pane, once it has loaded (no "Loading …" / "Preparing …" left in it). */
export async function shownPane(page: Page, name: string): Promise<Locator> {
  await expect(paneStrip(page).getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel', { name, exact: true });
  await expect(panel).toBeVisible();
  await expect(panel.getByText(/^(Loading|Preparing)\b.*…$/)).toHaveCount(0);
  return panel;
}

/** The sidebar's views (Explorer, Search…) as the activity bar lists them; none before the layout has a sidebar. */
export async function sidebarViewNames(page: Page): Promise<string[]> {
  const buttons = page.getByRole('navigation', { name: 'Views' }).locator('button[aria-controls="workbench-sidebar"]');
  const names: string[] = [];
  for (const button of await buttons.all()) names.push((await button.getAttribute('aria-label')) ?? '');
  return names.filter(Boolean);
}

export function activityButton(page: Page, view: string): Locator {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view, exact: true });
}

/** The sidebar showing `view`. */
export async function shownSidebarView(page: Page, view: string): Promise<Locator> {
  await expect(activityButton(page, view)).toHaveAttribute('aria-pressed', 'true');
  const sidebar = page.getByRole('complementary', { name: view, exact: true });
  await expect(sidebar).toBeVisible();
  return sidebar;
}

/** Shows a sidebar view with the mouse (a second press would collapse it, so only when it is not shown). */
export async function clickSidebarView(page: Page, view: string): Promise<Locator> {
  const button = activityButton(page, view);
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  return shownSidebarView(page, view);
}

/** The command palette: opened with its shortcut, `words` typed, Enter. */
export async function runFromPalette(page: Page, words: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await page.keyboard.type(words);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

/** How wide the page's scrolling box is against the window: wider means it scrolls sideways. */
export async function pageWidths(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  // Runs in the page; the e2e code is typed for Node, so the page's globals are described here.
  type PageGlobals = { document: { scrollingElement: { scrollWidth: number } | null; documentElement: { scrollWidth: number } }; innerWidth: number };
  return page.evaluate(() => {
    const view = globalThis as unknown as PageGlobals;
    const scroller = view.document.scrollingElement ?? view.document.documentElement;
    return { scrollWidth: scroller.scrollWidth, innerWidth: view.innerWidth };
  });
}

export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const widths = await pageWidths(page);
  expect.soft(widths.scrollWidth, `the page is wider than the window with ${where}`).toBeLessThanOrEqual(widths.innerWidth);
}

/** File name for a pane or view in e2e/output: "Unsaved changes" -> "unsaved-changes". */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

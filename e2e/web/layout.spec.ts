import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/web-shell';

const PANES = ['Scopes', 'Consent', 'Runner', 'Preview', 'Triggers', 'Environments', 'Logs', 'Cloud', 'Terminal', 'Credentials'];

// Runs in the page; the e2e code is typed for Node, so the page's globals are described here.
type PageGlobals = { document: { documentElement: { scrollWidth: number; dataset: { theme?: string } } }; innerWidth: number };

async function expectNoSidewaysScroll(page: Page, when: string) {
  const widths = await page.evaluate(() => {
    const view = globalThis as unknown as PageGlobals;
    return { scrollWidth: view.document.documentElement.scrollWidth, innerWidth: view.innerWidth };
  });
  expect(widths.scrollWidth, `the page is wider than the window ${when}`).toBeLessThanOrEqual(widths.innerWidth);
}

async function runCommand(page: Page, words: string) {
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.press('Control+Shift+P');
  await expect(palette).toBeVisible();
  await page.keyboard.type(words);
  await expect(palette.getByRole('option').first()).toContainText(new RegExp(words.split(' ').join('.*'), 'i'));
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

async function open(page: Page, url: string, size = { width: 1024, height: 700 }) {
  await page.setViewportSize(size);
  await page.goto(url);
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
}

const box = async (locator: Locator) => {
  const found = await locator.boundingBox();
  expect(found, 'drawn on the page').not.toBeNull();
  return found!;
};

for (const size of [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
]) {
  test(`at ${size.width}×${size.height} nothing scrolls sideways and every pane and view opens by mouse and by keyboard alone, with the panel beside or below the editor`, async ({ page, shell }) => {
    await open(page, shell.url, size);
    const views = page.getByRole('navigation', { name: 'Views' });
    const strip = page.getByRole('tablist', { name: 'Panes' });
    await expectNoSidewaysScroll(page, 'at first');

    for (const position of ['right', 'below'] as const) {
      if (position === 'below') await runCommand(page, 'Move Panel Below');
      // Mouse: every sidebar view opens from the activity bar and closes again from its own button.
      const viewButtons = views.locator('button[aria-controls="workbench-sidebar"]');
      for (const button of await viewButtons.all()) {
        const name = (await button.getAttribute('aria-label'))!;
        // The first view is open at the start; a click on another switches to it.
        if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
        await expect(button).toHaveAttribute('aria-pressed', 'true');
        await expect(page.getByRole('complementary', { name })).toBeVisible();
        await expectNoSidewaysScroll(page, `with ${name} open`);
        await button.click();
        await expect(page.getByRole('complementary', { name })).toBeHidden();
      }
      // Mouse: every pane's tab is on screen and opens its pane.
      for (const name of PANES) {
        const tab = strip.getByRole('tab', { name, exact: true });
        const place = await box(tab);
        expect(place.x + place.width, `${name} tab ends on screen`).toBeLessThanOrEqual(size.width);
        expect(place.y + place.height, `${name} tab ends on screen`).toBeLessThanOrEqual(size.height);
        await tab.click();
        await expect(page.getByRole('tabpanel', { name, exact: true })).toBeVisible();
      }
      await expectNoSidewaysScroll(page, `with the panel ${position} and every pane opened`);
    }
    await runCommand(page, 'Move Panel Right');

    // Keyboard alone: the activity bar's Panel button hides and shows the panel; F6 reaches the pane tabs.
    await page.getByRole('tab', { name: 'Scopes', exact: true }).click();
    await page.getByRole('button', { name: 'Panel', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Panel' })).toBeHidden();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Panel' })).toBeVisible();
    await page.keyboard.press('Control+1');
    await expect(page.getByRole('textbox', { name: /^manifest\.yml/ })).toBeFocused();
    await page.keyboard.press('F6');
    await expect(strip.getByRole('tab', { name: 'Scopes', exact: true })).toBeFocused();
    for (const name of PANES.slice(1)) {
      await page.keyboard.press('ArrowRight');
      await expect(strip.getByRole('tab', { name, exact: true })).toBeFocused();
      await expect(page.getByRole('tabpanel', { name, exact: true })).toBeVisible();
    }
    await expectNoSidewaysScroll(page, 'after opening every pane by keyboard');
  });
}

test('the panel splitter resizes by keyboard and by dragging, collapses with Enter and a double-click, and the layout is remembered after a reload', async ({ page, shell }) => {
  await open(page, shell.url);
  const panel = page.getByRole('region', { name: 'Panel' });
  const splitter = page.getByRole('separator', { name: 'Resize panel' });
  await expect(splitter).toHaveAttribute('aria-orientation', 'vertical');
  const before = (await box(panel)).width;

  // Keyboard: the panel sits right of the editor, so Left widens it.
  await splitter.focus();
  for (let press = 0; press < 3; press++) await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await box(panel)).width).toBeGreaterThan(before + 40);
  const afterKeys = (await box(panel)).width;
  expect(Number(await splitter.getAttribute('aria-valuenow'))).toBeGreaterThan(before + 40);

  // Drag: 120 pixels further left.
  const handle = await box(splitter);
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 - 60, handle.y + handle.height / 2, { steps: 3 });
  await page.mouse.move(handle.x + handle.width / 2 - 120, handle.y + handle.height / 2, { steps: 3 });
  await page.mouse.up();
  await expect.poll(async () => (await box(panel)).width).toBeGreaterThan(afterKeys + 100);
  const dragged = (await box(panel)).width;
  await expectNoSidewaysScroll(page, 'after widening the panel');

  await page.reload();
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  await expect.poll(async () => Math.abs((await box(panel)).width - dragged)).toBeLessThanOrEqual(2);

  // Enter collapses and the editor takes the room; collapsed is remembered too; a double-click restores.
  const editorWidth = (await box(page.getByRole('region', { name: 'Editor' }))).width;
  await splitter.focus();
  await page.keyboard.press('Enter');
  await expect(panel).toBeHidden();
  await expect(splitter).toHaveAttribute('aria-valuenow', '0');
  expect((await box(page.getByRole('region', { name: 'Editor' }))).width).toBeGreaterThan(editorWidth + 100);
  await page.reload();
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  await expect(panel).toBeHidden();
  await splitter.dblclick();
  await expect(panel).toBeVisible();
  await expect.poll(async () => Math.abs((await box(panel)).width - dragged)).toBeLessThanOrEqual(2);
});

test('the panel moves below the editor and back from the command palette, keeps its place after a reload, and resizes with the up and down arrows there', async ({ page, shell }) => {
  await open(page, shell.url);
  const panel = page.getByRole('region', { name: 'Panel' });
  const editor = page.getByRole('region', { name: 'Editor' });
  const splitter = page.getByRole('separator', { name: 'Resize panel' });

  await runCommand(page, 'Move Panel Below');
  await expect(splitter).toHaveAttribute('aria-orientation', 'horizontal');
  await expect.poll(async () => (await box(panel)).y).toBeGreaterThanOrEqual((await box(editor)).y + (await box(editor)).height);
  await page.reload();
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  await expect(splitter).toHaveAttribute('aria-orientation', 'horizontal');
  expect((await box(panel)).y).toBeGreaterThanOrEqual((await box(editor)).y + (await box(editor)).height);

  const before = (await box(panel)).height;
  await splitter.focus();
  await page.keyboard.press('Shift+ArrowUp');
  await expect.poll(async () => (await box(panel)).height).toBeGreaterThan(before + 40);

  await runCommand(page, 'Move Panel Right');
  await expect(splitter).toHaveAttribute('aria-orientation', 'vertical');
  expect((await box(panel)).x).toBeGreaterThanOrEqual((await box(editor)).x + (await box(editor)).width);
  await expectNoSidewaysScroll(page, 'with the panel back on the right');
});

test('Ctrl+J hides and shows the panel, and "Show <pane>" brings a hidden panel back with that pane', async ({ page, shell }) => {
  await open(page, shell.url);
  const panel = page.getByRole('region', { name: 'Panel' });
  await expect(page.locator('#workbench-editor .monaco-editor').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Scopes', exact: true }).click();
  await page.keyboard.press('Control+J');
  await expect(panel).toBeHidden();
  // The focus was in the panel: it goes to the editor, not nowhere.
  await expect(page.getByRole('textbox', { name: /^manifest\.yml/ })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Panel', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Control+J');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Control+J');
  await expect(panel).toBeHidden();
  await runCommand(page, 'Show Logs');
  await expect(panel).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Logs', exact: true })).toBeFocused();
});

test('the theme follows the system (light, dark, forced colours) until one is picked, and the pick is remembered', async ({ page, shell }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, shell.url);
  const theme = () => page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.dataset.theme);
  const background = () =>
    page.locator('body').evaluate((body) => (globalThis as unknown as { getComputedStyle: (element: unknown) => { backgroundColor: string } }).getComputedStyle(body).backgroundColor);
  const editor = page.locator('.monaco-editor').first();
  await expect.poll(theme).toBe('dark');
  await expect(editor).toHaveClass(/\bvs-dark\b/);
  const dark = await background();

  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(theme).toBe('light');
  await expect(editor).toHaveClass(/\bvs\b/);
  expect(await background()).not.toBe(dark);

  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
  await expect.poll(theme).toBe('hc');
  await expect(editor).toHaveClass(/\bhc-light\b/);
  await page.emulateMedia({ colorScheme: 'dark', forcedColors: 'none' });
  await expect.poll(theme).toBe('dark');

  // A pick wins over the system, survives a reload, and "Follow system" gives the system back its say.
  await runCommand(page, 'Preferences: Color Theme');
  const picker = page.getByRole('dialog', { name: 'Color theme' });
  await expect(picker.getByRole('radio', { name: /Follow system/ })).toBeFocused();
  await picker.getByRole('radio', { name: 'High contrast' }).check();
  await expect.poll(theme).toBe('hc');
  await expect(editor).toHaveClass(/\bhc-black\b/);
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  await expect.poll(theme).toBe('hc');

  await runCommand(page, 'Color Theme');
  await expect(picker.getByRole('radio', { name: 'High contrast' })).toBeChecked();
  // Arrow keys move through the choices and apply each at once.
  await page.keyboard.press('ArrowUp');
  await expect.poll(theme).toBe('dark');
  await picker.getByRole('radio', { name: /Follow system/ }).check();
  await expect.poll(theme).toBe('light');
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
});

test('F6 moves between the sidebar, editor, panel and status bar; Ctrl+B hides the sidebar; Ctrl+1 goes back to the editor', async ({ page, shell }) => {
  await open(page, shell.url);
  const editorText = page.getByRole('textbox', { name: /^manifest\.yml/ });
  const sidebar = page.locator('#workbench-sidebar');
  await expect(page.locator('#workbench-editor .monaco-editor').first()).toBeVisible();
  await expect(sidebar).toBeVisible();
  await page.keyboard.press('Control+1');
  await expect(editorText).toBeFocused();
  const focusedIn = (selector: string) =>
    page.evaluate((inside) => Boolean((globalThis as unknown as { document: { activeElement: { closest: (s: string) => unknown } | null } }).document.activeElement?.closest(inside)), selector);
  await page.keyboard.press('F6');
  await expect.poll(() => focusedIn('#workbench-panel')).toBe(true);
  await page.keyboard.press('F6');
  await expect.poll(() => focusedIn('.status-bar')).toBe(true);
  await page.keyboard.press('F6');
  await expect.poll(() => focusedIn('#workbench-sidebar')).toBe(true);
  await page.keyboard.press('F6');
  await expect(editorText).toBeFocused();
  await page.keyboard.press('Shift+F6');
  await expect.poll(() => focusedIn('#workbench-sidebar')).toBe(true);

  // Ctrl+B from inside the sidebar hides it and the focus goes to the editor, not nowhere; again shows it.
  await page.keyboard.press('Control+B');
  await expect(sidebar).toBeHidden();
  await expect(editorText).toBeFocused();
  await page.keyboard.press('F6');
  await expect.poll(() => focusedIn('#workbench-panel')).toBe(true);
  await page.keyboard.press('Control+B');
  await expect(sidebar).toBeVisible();
  await expectNoSidewaysScroll(page, 'with the sidebar back');
});

test('Ctrl+M lets Tab leave the editor, the status bar says so, and the editor names the key', async ({ page, shell }) => {
  await open(page, shell.url);
  const editorText = page.getByRole('textbox', { name: /^manifest\.yml/ });
  await expect(editorText).toHaveAttribute('aria-label', /Ctrl\+M/);
  const status = page.getByRole('contentinfo', { name: 'Status' });
  const indicator = status.getByRole('button', { name: 'Tab moves focus' });
  await expect(indicator).toHaveCount(0);
  await page.keyboard.press('Control+1');
  await expect(editorText).toBeFocused();
  await page.keyboard.press('Control+M');
  await expect(indicator).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(editorText).not.toBeFocused();
  // A click on the indicator switches it off again.
  await indicator.click();
  await expect(indicator).toHaveCount(0);
});

test('every status bar item is a button reached by Tab that opens where it is shown, and dialogs give the focus back on Escape', async ({ page, shell }) => {
  await open(page, shell.url);
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status.getByRole('button', { name: /errors?, \d+ warnings?/ })).toBeVisible();
  await status.getByRole('button').first().focus();
  const names: string[] = [];
  for (let step = 0; step < 5; step++) {
    names.push(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent));
    await page.keyboard.press('Tab');
  }
  expect(names[0]).toContain('issue-radar');
  expect(names[1]).toContain('Environment: development');
  expect(names[2]).toMatch(/errors?, \d+ warnings?/);
  expect(names[3]).toContain('Runner:');
  expect(names[4]).toContain('Keychain:');

  await status.getByRole('button', { name: /^Runner:/ }).click();
  await expect(page.getByRole('tab', { name: 'Runner', exact: true })).toHaveAttribute('aria-selected', 'true');
  const keychain = status.getByRole('button', { name: /^Keychain:/ });
  await keychain.click();
  await expect(page.getByRole('tab', { name: 'Credentials', exact: true })).toHaveAttribute('aria-selected', 'true');
  await status.getByRole('button', { name: /^Environment:/ }).click();
  await expect(page.getByRole('combobox', { name: 'Environment', exact: true })).toBeFocused();

  // The palette and the theme picker close on Escape and give the focus back where it was.
  await keychain.focus();
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(keychain).toBeFocused();
  await runCommand(page, 'Color Theme');
  await expect(page.getByRole('dialog', { name: 'Color theme' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Color theme' })).toBeHidden();
  await expect(keychain).toBeFocused();
});

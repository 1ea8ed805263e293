import type { Page } from '@playwright/test';
import { expect, test } from '../support/web-shell';
import {
  activityButton,
  clickSidebarView,
  expectNoSidewaysScroll,
  openWorkbench,
  paneNames,
  paneStrip,
  runFromPalette,
  shownPane,
  shownSidebarView,
  sidebarViewNames,
  VIEWPORTS,
} from '../support/workbench-views';

// pane-layout.spec.ts clicks every pane tab and walks the strip with the arrows once it has the
// focus; command-palette.spec.ts runs functions at the default size. These flows add what a person
// with only a keyboard does from a fresh page (Tab, F6 and the palette, no mouse at all), the
// sidebar views, the panel below the editor, and the page's width with each of them shown.

/** Whether the focus is on the pane strip's selected tab, in the editor, or elsewhere. */
function focusIsOn(page: Page): Promise<'pane-tab' | 'editor' | 'other'> {
  return page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { closest(selector: string): unknown; matches(selector: string): boolean } | null } }).document.activeElement;
    if (!active) return 'other';
    if (active.matches('[role="tablist"][aria-label="Panes"] [role="tab"][aria-selected="true"]')) return 'pane-tab';
    return active.closest('.monaco-editor') ? 'editor' : 'other';
  });
}

for (const size of VIEWPORTS) {
  test(`at ${size.width}×${size.height} every pane and sidebar view is reached with the keyboard alone, and none makes the page scroll sideways`, async ({ page, shell }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    await openWorkbench(page, shell);
    const panes = await paneNames(page);

    // Tab from the top of the page to the pane strip. The editor keeps Tab for indenting, as
    // editors do; F6 moves on to the next part of the workbench from there.
    let steps = 0;
    for (; steps < 60; steps++) {
      const where = await focusIsOn(page);
      if (where === 'pane-tab') break;
      await page.keyboard.press(where === 'editor' ? 'F6' : 'Tab');
    }
    expect(steps, 'Tab (and F6 out of the editor) reaches the pane strip').toBeLessThan(60);

    // The arrows open each pane in turn.
    for (const [index, name] of panes.entries()) {
      if (index > 0) await page.keyboard.press('ArrowRight');
      await expect(paneStrip(page).getByRole('tab', { name, exact: true })).toBeFocused();
      await shownPane(page, name);
      await expectNoSidewaysScroll(page, `the ${name} pane shown`);
    }

    // The palette shows any pane, and puts the focus on its tab.
    for (const name of [...panes].reverse()) {
      await runFromPalette(page, `view show ${name}`);
      await shownPane(page, name);
      await expect(paneStrip(page).getByRole('tab', { name, exact: true })).toBeFocused();
    }

    // Sidebar views: from the palette and with their activity bar button (Tab, then Enter).
    for (const view of await sidebarViewNames(page)) {
      await runFromPalette(page, `view show ${view}`);
      await shownSidebarView(page, view);
      await expectNoSidewaysScroll(page, `the ${view} view in the sidebar`);
      await page.keyboard.press('Control+B');
      await expect(activityButton(page, view)).toHaveAttribute('aria-pressed', 'false');
      await activityButton(page, view).focus();
      await page.keyboard.press('Enter');
      await shownSidebarView(page, view);
    }

    // The panel below the editor: every pane still fits the window's width.
    await runFromPalette(page, 'move panel below');
    for (const name of panes) {
      await runFromPalette(page, `view show ${name}`);
      await shownPane(page, name);
      await expectNoSidewaysScroll(page, `the panel below the editor showing ${name}`);
    }
  });

  test(`at ${size.width}×${size.height} the sidebar views open with the mouse, and the palette runs a function whose result shows`, async ({ page, shell }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await openWorkbench(page, shell);

    for (const view of await sidebarViewNames(page)) {
      const button = activityButton(page, view);
      const box = await button.boundingBox();
      expect(box, `the ${view} button is drawn`).not.toBeNull();
      expect(box!.y + box!.height, `the ${view} button is inside the window`).toBeLessThanOrEqual(size.height);
      await clickSidebarView(page, view);
      await expectNoSidewaysScroll(page, `the ${view} view opened with the mouse`);
    }

    // Keyboard only: the palette runs one of the sample app's functions and its result is on screen.
    await runFromPalette(page, 'run check-releases');
    await expect(paneStrip(page).getByRole('tab', { name: 'Runner', exact: true })).toHaveAttribute('aria-selected', 'true');
    const invocation = page.getByRole('region', { name: 'Invocation' });
    await expect(invocation).toContainText('ok check-releases');
    await expect(invocation).toBeInViewport();
    await expect(page.getByTestId('runner-terminal').locator('.xterm-rows')).toContainText('GitHub answered 502');
    await expectNoSidewaysScroll(page, 'a run in the Runner pane');
  });
}

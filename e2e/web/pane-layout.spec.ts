import path from 'node:path';
import { OUTPUT_DIR } from '../support/paths';
import { expect, test } from '../support/web-shell';

const PANES = ['Scopes', 'Consent', 'Runner', 'Preview', 'Triggers', 'Environments', 'Logs', 'Cloud', 'Terminal', 'Credentials'];

for (const size of [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
]) {
  test(`at ${size.width}×${size.height} the page does not scroll sideways and every pane opens by mouse and by keyboard`, async ({ page, shell }) => {
    await page.setViewportSize(size);
    await page.goto(shell.url);
    await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
    const strip = page.getByRole('tablist', { name: 'Panes' });
    await expect(strip.getByRole('tab')).toHaveCount(PANES.length);
    // Runs in the page; the e2e code is typed for Node, so the page's globals are described here.
    type PageGlobals = { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
    const overflow = () =>
      page.evaluate(() => {
        const view = globalThis as unknown as PageGlobals;
        return { scrollWidth: view.document.documentElement.scrollWidth, innerWidth: view.innerWidth };
      });
    const widths = await overflow();
    expect(widths.scrollWidth, 'the page is wider than the window').toBeLessThanOrEqual(widths.innerWidth);

    // Mouse: every tab is on screen as it is (no sideways scrolling) and opens its pane.
    for (const name of PANES) {
      const tab = strip.getByRole('tab', { name, exact: true });
      const box = await tab.boundingBox();
      expect(box, `${name} tab is drawn`).not.toBeNull();
      expect(box!.x, `${name} tab starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `${name} tab ends on screen`).toBeLessThanOrEqual(size.width);
      await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('tabpanel', { name, exact: true })).toBeVisible();
    }
    if (size.width === 1024) {
      await strip.getByRole('tab', { name: 'Scopes', exact: true }).click();
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'workbench-1024.png') });
    }

    // Keyboard (WAI-ARIA tabs): Tab reaches the selected tab only; arrows move and open, Home/End jump.
    await strip.getByRole('tab', { name: 'Scopes', exact: true }).click();
    await expect(strip.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
    for (const name of PANES.slice(1)) {
      await page.keyboard.press('ArrowRight');
      const tab = strip.getByRole('tab', { name, exact: true });
      await expect(tab).toBeFocused();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('tabpanel', { name, exact: true })).toBeVisible();
    }
    await page.keyboard.press('ArrowRight');
    await expect(strip.getByRole('tab', { name: 'Scopes', exact: true })).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(strip.getByRole('tab', { name: 'Credentials', exact: true })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Home');
    await expect(strip.getByRole('tab', { name: 'Scopes', exact: true })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('End');
    await expect(strip.getByRole('tab', { name: 'Credentials', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: 'Credentials', exact: true })).toBeVisible();

    const after = await overflow();
    expect(after.scrollWidth, 'the page is wider than the window after opening every pane').toBeLessThanOrEqual(after.innerWidth);
  });
}

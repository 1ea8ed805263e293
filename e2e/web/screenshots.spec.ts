import path from 'node:path';
import { OUTPUT_DIR } from '../support/paths';
import { expect, test } from '../support/web-shell';
import { clickSidebarView, openWorkbench, paneNames, paneStrip, shownPane, sidebarViewNames, slug, THEMES } from '../support/workbench-views';

// Pictures for a person to review, not compared with anything: every pane and sidebar view at
// 1440×900 in each theme the build has, as e2e/output/<pane>-<theme>.png.
for (const theme of THEMES) {
  test(`a screenshot of every pane and sidebar view is written for review (${theme.name} theme)`, async ({ page, shell }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    const themed = await openWorkbench(page, shell, theme.name);
    test.skip(!themed, `the workbench has no ${theme.name} theme in this build`);

    for (const name of await paneNames(page)) {
      await paneStrip(page).getByRole('tab', { name, exact: true }).click();
      await shownPane(page, name);
      await page.screenshot({ path: path.join(OUTPUT_DIR, `${slug(name)}-${theme.name}.png`) });
    }
    for (const view of await sidebarViewNames(page)) {
      await clickSidebarView(page, view);
      await page.screenshot({ path: path.join(OUTPUT_DIR, `${slug(view)}-${theme.name}.png`) });
    }
    await page.keyboard.press('Control+Shift+P');
    await expect(page.getByRole('dialog', { name: 'Command palette' }).getByRole('option').first()).toBeVisible();
    await page.screenshot({ path: path.join(OUTPUT_DIR, `command-palette-${theme.name}.png`) });
  });
}

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '../support/web-shell';

test('the command palette runs a function', async ({ page, shell }) => {
  await page.goto(shell.url);
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  const opener = page.getByRole('button', { name: 'Open app folder…' });
  await opener.focus();

  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  // Every pane's commands are listed, with their shortcuts.
  const commands = palette.getByRole('listbox', { name: 'Commands' });
  await expect(commands).toContainText('View: Show Runner');
  await expect(commands).toContainText('File: Save All');
  await expect(commands.getByRole('option', { name: /^File: Save\b(?! All)/ })).toContainText(/(Ctrl\+|⌘)S/);
  await expect(commands).toContainText('Environment: Switch to development');

  // Escape closes it and the focus goes back where it was.
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(opener).toBeFocused();

  // F1 opens it too, even from the manifest editor (whose own F1 palette it replaces); the typed
  // words filter, Enter runs the selected command.
  await page.getByTestId('manifest-editor').locator('.view-line').first().click();
  await page.keyboard.press('F1');
  await expect(page.locator('.quick-input-widget:visible')).toHaveCount(0);
  await expect(palette).toBeVisible();
  // The Runner pane has not been opened yet: it loads, lists its functions, then runs this one
  // (not the first of its list).
  await page.keyboard.type('run check-releases');
  await expect(commands.getByRole('option').first()).toContainText('Run check-releases');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Runner' })).toHaveAttribute('aria-selected', 'true');
  const invocation = page.getByRole('region', { name: 'Invocation' });
  await expect(invocation).toContainText('ok check-releases');
  await expect(page.getByLabel('Function')).toHaveValue('check-releases');
  await expect(page.getByTestId('runner-terminal').locator('.xterm-rows')).toContainText('GitHub answered 502');

  // A resolver key, the Runner pane already open.
  // Typed and entered at once: Enter waits for the functions to be listed.
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('run getIssueRadar');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Function')).toHaveValue('getIssueRadar');
  await expect(invocation).toContainText('ok resolver');
  await expect(invocation).toContainText('"summary": "Show the newest Node.js release next to each issue"');
  await expect(page.getByTestId('status-runner')).toHaveText('Runner: idle');

  // Arrow keys move the selection: the second "show" command runs, not the first.
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('view show');
  const options = commands.getByRole('option');
  const second = (await options.nth(1).textContent()) ?? '';
  const pane = /Show (\w+)/.exec(second)?.[1] ?? '';
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: pane, exact: true })).toHaveAttribute('aria-selected', 'true');
});

test('a pane that takes the focus while the palette is open does not take the words typed into it', async ({ page, shell }) => {
  await page.goto(shell.url);
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  // What a pane that finishes loading behind the palette does (the terminal focuses itself): here
  // the manifest editor, which would otherwise get the typed words in the developer's manifest.
  const editorInput = page.getByTestId('manifest-editor').locator('.native-edit-context, textarea.inputarea').first();
  await editorInput.evaluate((element) => (element as unknown as { focus: () => void }).focus());
  await page.keyboard.type('view show logs');
  await expect(palette.getByRole('combobox', { name: 'Command' })).toHaveValue('view show logs');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Logs', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('manifest-editor')).not.toContainText('view show logs');
});

test('the status bar shows problem counts and opens Problems', async ({ page, shell }) => {
  // A scope the code needs is taken out of the manifest: one error to count.
  const manifest = path.join(shell.appFolder, 'manifest.yml');
  await writeFile(manifest, (await readFile(manifest, 'utf8')).replace(/^\s*- read:jira-work\n/m, ''));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(shell.url);
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status).toContainText('issue-radar');
  await expect(status).toContainText('Environment: development');
  await expect(status).toContainText('Runner: idle');
  await expect(status).toContainText(/Keychain: (available|locked|unavailable)/);

  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.locator('[data-code="scope-missing"]').first()).toBeVisible();
  const errors = await problems.locator('.problem.error').count();
  expect(errors).toBeGreaterThan(0);
  const warnings = await problems.locator('.problem.warning').count();
  const counts = status.getByRole('button', { name: /errors?, \d+ warnings?/ });
  await expect(counts).toHaveText(new RegExp(`^${errors} errors?, ${warnings} warnings?`));
  await counts.click();
  await expect(problems.locator('.problem-place').first()).toBeFocused();

  // The environment picked in the header shows in the status bar.
  await page.getByLabel('Environment', { exact: true }).selectOption('staging');
  await expect(status).toContainText('Environment: staging');

  // One line at the bottom of the window, and the page does not scroll sideways.
  type PageGlobals = { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
  const widths = await page.evaluate(() => {
    const view = globalThis as unknown as PageGlobals;
    return { scrollWidth: view.document.documentElement.scrollWidth, innerWidth: view.innerWidth };
  });
  expect(widths.scrollWidth, 'the page is wider than the window').toBeLessThanOrEqual(widths.innerWidth);
  const box = await status.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(700);
  expect(box!.height).toBeLessThan(40);
  expect(box!.x + box!.width).toBeLessThanOrEqual(1024);
});

test("a pane's own actions run from the command palette: fire a product event, deploy", async ({ page, shell }) => {
  await page.goto(shell.url);
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const run = async (words: string) => {
    await page.keyboard.press('Control+Shift+P');
    await expect(palette).toBeVisible();
    await page.keyboard.type(words);
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
  };

  // Each pane registers its actions when it loads; "Show …" loads it.
  await run('show triggers');
  const events = page.getByRole('region', { name: 'Product events' });
  await expect(events.getByLabel('Event payload')).toHaveValue(/"eventType": "avi:jira:created:issue"/);
  await run('fire avi:jira:created:issue');
  await expect(events.getByRole('list', { name: 'Deliveries' })).toContainText('delivered to issue-created-listener');

  await run('switch production');
  await expect(page.getByRole('combobox', { name: 'Environment', exact: true })).toHaveValue('production');
  await run('show environments');
  const pane = page.getByRole('region', { name: 'Environment production', exact: true });
  await expect(pane).toContainText('Runs only deployed versions');
  await page.getByRole('tab', { name: 'Scopes', exact: true }).click();
  await run('deploy production locally');
  await expect(page.getByRole('tab', { name: 'Environments', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(pane.getByRole('region', { name: 'Versions', exact: true })).toContainText('version 1.0');
});

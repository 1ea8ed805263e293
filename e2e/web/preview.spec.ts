import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUT_DIR } from '../support/paths';
import { expect, test } from '../support/web-shell';

test('the Custom UI page runs in the sandbox, calls its resolver through the bridge, and a script from an undeclared host is blocked and explained', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Preview' }).click();
  const pane = page.getByRole('region', { name: 'Preview' });
  await expect(pane.getByLabel('Preview module')).toHaveValue('radar-page');
  await pane.getByRole('button', { name: 'Open preview' }).click();

  const preview = page.frameLocator('iframe[title="Preview of radar-page"]');
  // view.getContext() answered by the workbench: the module's project context.
  await expect(preview.locator('#where')).toHaveText('Project DEMO (radar-page)');
  await preview.getByRole('button', { name: 'Show the radar' }).click();
  // invoke('getIssueRadar') ran the resolver in the local runner, which answered Jira from fixtures.
  await expect(preview.locator('#radar')).toHaveText('DEMO-1: Show the newest Node.js release next to each issue (In Progress)');
  await expect(pane.getByRole('region', { name: 'Bridge calls' })).toContainText('invoke → ok');

  // The page is on an origin of its own and cannot reach the workbench.
  const frame = page.frames().find((candidate) => candidate.url().includes('/p/'))!;
  expect(new URL(frame.url()).origin).not.toBe(new URL(shell.url).origin);
  const reach = await frame.evaluate(async (workbench) => {
    const page = globalThis as unknown as { parent: { document: { title: string } }; document: { cookie: string } };
    let parentDocument = 'readable';
    try {
      void page.parent.document.title;
    } catch {
      parentDocument = 'blocked';
    }
    const fetched = await fetch(workbench).then(
      () => 'reached',
      () => 'blocked',
    );
    return { parentDocument, fetched, token: page.document.cookie };
  }, shell.url);
  expect(reach).toEqual({ parentDocument: 'blocked', fetched: 'blocked', token: '' });
  expect(await page.locator('iframe[title="Preview of radar-page"]').getAttribute('sandbox')).not.toContain('allow-top-navigation');

  // A change to the page's files reloads the preview. Here it adds a script from a host the
  // manifest does not declare: blocked by the CSP, and the pane says what would allow it.
  const index = path.join(shell.appFolder, 'static', 'radar-page', 'index.html');
  await writeFile(index, (await readFile(index, 'utf8')).replace('</body>', '<script src="https://cdn.example.com/widget.js"></script>\n</body>'));
  const violations = pane.getByRole('region', { name: 'CSP violations' });
  await expect(violations).toContainText('https://cdn.example.com/widget.js');
  await expect(violations).toContainText('permissions.external.scripts');
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'preview.png') });
});

test('each resource\u2019s page has an origin, and so a storage, of its own: one page cannot read what another stored', async ({ page, shell }) => {
  // A second Custom UI page with a resource of its own (a copy of the first's files).
  await cp(path.join(shell.appFolder, 'static', 'radar-page'), path.join(shell.appFolder, 'static', 'other-page'), { recursive: true });
  const manifest = path.join(shell.appFolder, 'manifest.yml');
  await writeFile(
    manifest,
    (await readFile(manifest, 'utf8'))
      .replace('  scheduledTrigger:\n', '    - key: other-page\n      resource: other-page\n      resolver:\n        function: resolver\n      title: Other page\n  scheduledTrigger:\n')
      .replace('resources:\n', 'resources:\n  - key: other-page\n    path: static/other-page\n'),
  );
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Preview' }).click();
  const pane = page.getByRole('region', { name: 'Preview' });
  const urlOf = async (moduleKey: string) => {
    await pane.getByLabel('Preview module').selectOption(moduleKey);
    await pane.getByRole('button', { name: /(Open|Reload) preview/ }).click();
    await expect(page.frameLocator(`iframe[title="Preview of ${moduleKey}"]`).locator('#where')).toContainText(`(${moduleKey})`);
    return page
      .frames()
      .find((candidate) => candidate.url().includes('/p/'))!
      .url();
  };
  const radarUrl = await urlOf('radar-page');
  const otherUrl = await urlOf('other-page');
  const radarOrigin = new URL(radarUrl).origin;
  const otherOrigin = new URL(otherUrl).origin;
  expect(otherOrigin).not.toBe(radarOrigin);

  // Each page on its own (first-party, so storage is on whatever the browser's third-party policy):
  // what one stores, the other cannot read; the first still can.
  type Storage = { localStorage: { setItem(key: string, value: string): void; getItem(key: string): string | null } };
  const tab = await page.context().newPage();
  await tab.goto(radarUrl);
  await tab.evaluate(() => (globalThis as unknown as Storage).localStorage.setItem('stolen', 'radar-page data'));
  await tab.goto(otherUrl);
  expect(await tab.evaluate(() => (globalThis as unknown as Storage).localStorage.getItem('stolen'))).toBeNull();
  // Nor can the other page load the first one's preview into its own origin to read it there.
  expect(await tab.evaluate(async (url) => (await fetch(url)).status, radarUrl.replace(radarOrigin, otherOrigin))).toBe(404);
  await tab.goto(radarUrl);
  expect(await tab.evaluate(() => (globalThis as unknown as Storage).localStorage.getItem('stolen'))).toBe('radar-page data');
  await tab.close();
});

test('a UI Kit module says plainly that the platform renders it', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Preview' }).click();
  const pane = page.getByRole('region', { name: 'Preview' });
  await pane.getByLabel('Preview module').selectOption('issue-radar-panel');
  await expect(pane.getByRole('note')).toContainText('the platform renders it');
  await expect(pane.getByRole('button', { name: 'Open preview' })).toBeDisabled();
});

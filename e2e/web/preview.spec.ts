import { readFile, writeFile } from 'node:fs/promises';
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
    const fetched = await fetch(workbench).then(() => 'reached', () => 'blocked');
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

test('a UI Kit module says plainly that the platform renders it', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Preview' }).click();
  const pane = page.getByRole('region', { name: 'Preview' });
  await pane.getByLabel('Preview module').selectOption('issue-radar-panel');
  await expect(pane.getByRole('note')).toContainText('the platform renders it');
  await expect(pane.getByRole('button', { name: 'Open preview' })).toBeDisabled();
});

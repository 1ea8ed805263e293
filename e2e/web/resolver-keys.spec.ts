import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '../support/web-shell';

// Keys a resolver registers in a loop are learnt by running it: the pane offers them with the
// function that defines each, runs them there, and says which keys in the code no module reaches.
test('the Runner pane lists resolver keys registered in a loop, runs one in its own function, and names a key no module reaches', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Runner' }).click();
  const picker = page.getByLabel('Function');
  await expect(picker).toContainText('getIssueRadar');

  // The app grows a second resolver while the pane is open: the list follows the code.
  const source = path.join(shell.appFolder, 'src');
  await writeFile(
    path.join(source, 'admin-handlers.js'),
    "export const adminHandlers = {\n  saveSettings: ({ payload }) => ({ saved: payload, ranIn: 'admin' }),\n  readSettings: () => ({ ranIn: 'admin' }),\n};\n",
  );
  await writeFile(
    path.join(source, 'admin.js'),
    "import Resolver from '@forge/resolver';\nimport { adminHandlers } from './admin-handlers';\nconst resolver = new Resolver();\nfor (const [key, fn] of Object.entries(adminHandlers)) resolver.define(key, fn);\nexport const handler = resolver.getDefinitions();\n",
  );
  await writeFile(
    path.join(source, 'orphan.js'),
    "import Resolver from '@forge/resolver';\nconst resolver = new Resolver();\nresolver.define('orphanKey', () => null);\nexport const handler = resolver.getDefinitions();\n",
  );
  const manifestPath = path.join(shell.appFolder, 'manifest.yml');
  const manifest = await readFile(manifestPath, 'utf8');
  await writeFile(
    manifestPath,
    manifest
      .replace(
        '  scheduledTrigger:\n',
        '  jira:adminPage:\n    - key: admin-page\n      resource: main\n      resolver:\n        function: admin-resolver\n      render: native\n      title: Radar settings\n  scheduledTrigger:\n',
      )
      .replace('  function:\n', '  function:\n    - key: admin-resolver\n      handler: admin.handler\n    - key: orphan\n      handler: orphan.handler\n'),
  );

  await expect(picker.locator('optgroup[label="Resolver keys"] option')).toHaveText(['getIssueRadar (in resolver)', 'readSettings (in admin-resolver)', 'saveSettings (in admin-resolver)']);
  await expect(page.getByRole('list', { name: 'Resolver key notes' })).toContainText(`Not offered: orphanKey: no module's resolver function defines "orphanKey"`);

  await picker.selectOption('saveSettings');
  await page.getByLabel('Payload', { exact: true }).fill('{"colour":"red"}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const invocation = page.getByRole('region', { name: 'Invocation' });
  await expect(invocation).toContainText('ok admin-resolver');
  await expect(invocation).toContainText('"colour": "red"');
});

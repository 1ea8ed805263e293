import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { useForgeRelease, useForgeSql4 } from '../../main/testing/forge-api-release';
import { expect, test } from '../support/web-shell';

// A resolver that records a sighting in Forge SQL (its table made by the migration runner, the name
// bound as a parameter), reads every sighting back and publishes them on a realtime channel.
const RESOLVER = `
resolver.define('sight', async ({ payload }) => {
  await migrationRunner.enqueue('v001-create-sighting', 'CREATE TABLE IF NOT EXISTS sighting (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL)').run();
  await sql.prepare('INSERT INTO sighting (name) VALUES (?)').bindParams(payload.name).execute();
  const { rows } = await sql.prepare('SELECT name FROM sighting ORDER BY id').execute();
  await publish('sightings', { names: rows.map((row) => row.name) });
  return rows.length;
});
`;

// The page listens as @forge/bridge's realtime.subscribe does and asks its resolver to record what is typed.
const PAGE_SCRIPT = `{
const callBridge = (name, payload) => globalThis.__bridge.callBridge(name, payload);
const heard = document.getElementById('heard');
callBridge('subscribeRealtimeChannel', { channelName: 'sightings', onEvent: (event) => { heard.textContent = 'Seen: ' + event.names.join(', '); } }).then(
  () => {
    heard.textContent = 'Listening';
    document.getElementById('sight').addEventListener('click', () => callBridge('invoke', { functionKey: 'sight', payload: { name: document.getElementById('name').value } }));
  },
  (error) => { heard.textContent = 'Not subscribed: ' + error.message; },
);
}
`;

test('a resolver writes and reads through Forge SQL on the local engine and publishes what it read to the preview page; the Runner pane shows the table and the migration', async ({ page, shell }) => {
  useForgeSql4(shell.appFolder);
  useForgeRelease(shell.appFolder, '@forge/realtime', 'forge-realtime-1');
  const manifest = path.join(shell.appFolder, 'manifest.yml');
  await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('modules:\n', 'modules:\n  sql:\n    - key: main\n      engine: mysql\n'));
  const source = path.join(shell.appFolder, 'src', 'index.js');
  await writeFile(source, `import sql, { migrationRunner } from '@forge/sql';\nimport { publish } from '@forge/realtime';\n${await readFile(source, 'utf8')}\n${RESOLVER}`);
  const folder = path.join(shell.appFolder, 'static', 'radar-page');
  await writeFile(path.join(folder, 'sightings.js'), PAGE_SCRIPT);
  const index = path.join(folder, 'index.html');
  await writeFile(
    index,
    (await readFile(index, 'utf8')).replace(
      '</body>',
      '<label>Name <input id="name" value="Comet"></label>\n<button id="sight" type="button">Record sighting</button>\n<p id="heard">Not listening</p>\n<script src="sightings.js"></script>\n</body>',
    ),
  );

  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Preview' }).click();
  await page.getByRole('region', { name: 'Preview' }).getByRole('button', { name: 'Open preview' }).click();
  const preview = page.frameLocator('iframe[title="Preview of radar-page"]');
  await expect(preview.locator('#heard')).toHaveText('Listening');
  await preview.getByRole('button', { name: 'Record sighting' }).click();
  // The first statement starts the engine (and makes its data folder): seconds, not milliseconds.
  await expect(preview.locator('#heard')).toHaveText('Seen: Comet', { timeout: 60_000 });
  // A name that would end the statement if it were pasted into the SQL text is stored as written.
  const tricky = "Halley'); DROP TABLE sighting; --";
  await preview.getByLabel('Name').fill(tricky);
  await preview.getByRole('button', { name: 'Record sighting' }).click();
  await expect(preview.locator('#heard')).toHaveText(`Seen: Comet, ${tricky}`);

  await page.getByRole('tab', { name: 'Runner' }).click();
  const runner = page.getByRole('tabpanel', { name: 'Runner' });
  await expect(runner.getByRole('list', { name: 'SQL tables' })).toContainText('sighting');
  await expect(runner.getByRole('list', { name: 'Migrations applied' })).toContainText('v001-create-sighting');
  await runner.getByLabel('SQL statement').fill('SELECT count(*) AS sightings FROM sighting');
  await runner.getByRole('button', { name: 'Run query' }).click();
  await expect(runner.getByRole('table', { name: 'Query result' })).toContainText('2');
});

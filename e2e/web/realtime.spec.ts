import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/paths';
import { expect, test } from '../support/web-shell';

// The page subscribes as @forge/bridge's realtime.subscribe does, and asks its resolver to announce
// (in a scope of its own: the page's radar.js already declares callBridge).
const PAGE_SCRIPT = `{
const callBridge = (name, payload) => globalThis.__bridge.callBridge(name, payload);
callBridge('subscribeRealtimeChannel', {
  channelName: 'radar',
  onEvent: (payload) => { document.getElementById('heard').textContent = 'Heard ' + payload.version; },
}).then(() => {
  document.getElementById('heard').textContent = 'Listening';
  document.getElementById('announce').addEventListener('click', () => callBridge('invoke', { functionKey: 'announce', payload: { version: '7.1.0' } }));
}, (error) => { document.getElementById('heard').textContent = 'Not subscribed: ' + error.message; });
}
`;

test('a preview page subscribed to a realtime channel receives the event its resolver publishes', async ({ page, shell }) => {
  // The app publishes with @forge/realtime from its resolver (the package copied in, as npm would install it).
  await cp(path.join(PROJECT_ROOT, 'node_modules', 'forge-realtime-1'), path.join(shell.appFolder, 'node_modules', '@forge', 'realtime'), { recursive: true });
  const source = path.join(shell.appFolder, 'src', 'index.js');
  await writeFile(source, `import { publish } from '@forge/realtime';\n${await readFile(source, 'utf8')}\nresolver.define('announce', ({ payload }) => publish('radar', payload));\n`);
  const folder = path.join(shell.appFolder, 'static', 'radar-page');
  await writeFile(path.join(folder, 'realtime.js'), PAGE_SCRIPT);
  const index = path.join(folder, 'index.html');
  await writeFile(
    index,
    (await readFile(index, 'utf8')).replace('</body>', '<p id="heard">Not listening</p>\n<button id="announce" type="button">Announce</button>\n<script src="realtime.js"></script>\n</body>'),
  );

  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Preview' }).click();
  const pane = page.getByRole('region', { name: 'Preview' });
  await pane.getByRole('button', { name: 'Open preview' }).click();
  const preview = page.frameLocator('iframe[title="Preview of radar-page"]');
  await expect(preview.locator('#heard')).toHaveText('Listening');
  await preview.getByRole('button', { name: 'Announce' }).click();
  await expect(preview.locator('#heard')).toHaveText('Heard 7.1.0');
});

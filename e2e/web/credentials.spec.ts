import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { OUTPUT_DIR } from '../support/paths';
import { expect, test } from '../support/web-shell';

const SECRET = 'site-secret-a1b2c3d4e5f6-9z8y';

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test.skip(process.env.ANVIL_PRIVATE_SECRET_SERVICE !== '1', 'needs the private Secret Service that npm test starts');

test('a token goes into the keychain and never comes back to the page, the disk or a plain terminal', async ({ page, shell }) => {
  const frames: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
  });
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Credentials' }).click();
  await expect(page.getByText('Secrets are kept in the OS keychain.')).toBeVisible();

  const others = page.getByRole('region', { name: 'Other credentials' });
  await others.getByLabel('Site (acme.atlassian.net)').fill('acme.atlassian.net');
  await others.getByLabel('Value').fill(SECRET);
  await others.getByRole('button', { name: 'Save', exact: true }).click();
  const row = others.locator('tr[data-name="site-token:acme.atlassian.net"]');
  await expect(row).toContainText('…9z8y');
  await expect(others.getByLabel('Value')).toHaveValue('');

  // A reload lists it again, from the keychain's answer, still without the value.
  await page.reload();
  await page.getByRole('tab', { name: 'Credentials' }).click();
  await expect(row).toContainText('…9z8y');

  // A terminal opened without "my Forge login" carries no Forge credentials.
  await page.getByRole('tab', { name: 'Terminal' }).click();
  await page.getByRole('button', { name: 'New terminal', exact: true }).click();
  const terminal = page.getByTestId('terminal');
  await expect(terminal.locator('.xterm-rows')).toBeVisible();
  await page.keyboard.type('echo "token=[${FORGE_API_TOKEN:-none}]"\n');
  await expect(terminal.locator('.xterm-rows')).toContainText('token=[none]');
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'credentials-terminal.png') });

  expect(await page.content()).not.toContain(SECRET);
  expect(frames.length).toBeGreaterThan(0);
  expect(frames.filter((frame) => frame.includes(SECRET))).toEqual([]);
  for (const file of filesUnder(shell.dataDir)) expect(readFileSync(file, 'utf8'), file).not.toContain(SECRET);
});

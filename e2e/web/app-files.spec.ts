import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { copyAppFolder } from '../support/app-copy';
import { SAMPLE_APP } from '../support/paths';
import { expect, test } from '../support/web-shell';

/** Opens src/<name> from the Explorer by keyboard: the tree as VS Code's (right expands, down moves, Enter opens). */
async function openFromExplorer(page: Page, name: string) {
  const tree = page.getByRole('tree', { name: 'App folder' });
  const src = tree.getByRole('treeitem', { name: 'src', exact: true });
  if ((await src.getAttribute('aria-expanded')) === 'false') await src.click();
  await expect(src).toHaveAttribute('aria-expanded', 'true');
  await tree.getByRole('treeitem', { name, exact: true }).click();
  const tab = page.getByRole('tab', { name: new RegExp(`^${name.replace('.', '\\.')}`) });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  const editor = page.getByTestId('app-file-editor');
  await expect(editor.locator('.view-lines')).not.toBeEmpty();
  return { tab, editor };
}

async function typeAtTop(page: Page, editor: ReturnType<Page['getByTestId']>, text: string) {
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(text);
}

test('a file opened from the Explorer is edited in a tab and Ctrl+S writes it to disk', async ({ page, shell }) => {
  const file = path.join(shell.appFolder, 'src', 'index.js');
  await page.goto(shell.url);
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');

  // The keyboard reaches every part of the tree.
  const tree = page.getByRole('tree', { name: 'App folder' });
  await tree.getByRole('treeitem', { name: 'src', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tree.getByRole('treeitem', { name: 'src', exact: true })).toHaveAttribute('aria-expanded', 'true');
  // Its entries are listed when it opens; down then moves into them.
  await expect(tree.getByRole('treeitem', { name: 'frontend', exact: true })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(tree.getByRole('treeitem', { name: 'frontend', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tree.getByRole('treeitem', { name: 'src', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tree.getByRole('treeitem', { name: 'src', exact: true })).toHaveAttribute('aria-expanded', 'false');
  // node_modules is listed, and stays closed.
  await expect(tree.getByRole('treeitem', { name: 'node_modules', exact: true })).toHaveAttribute('aria-expanded', 'false');

  const { tab, editor } = await openFromExplorer(page, 'index.js');
  await expect(editor.locator('.view-lines')).toContainText('resolver.define');
  // The manifest's tab stays first and keeps its editor.
  await expect(page.getByRole('tablist', { name: 'Open editors' }).getByRole('tab').first()).toHaveText(/^manifest\.yml/);

  await typeAtTop(page, editor, '// edited in Anvil\n');
  await expect(tab).toContainText('not saved');
  expect(await readFile(file, 'utf8')).not.toContain('// edited in Anvil');
  await page.keyboard.press('Control+s');
  await expect(tab).not.toContainText('not saved');
  await expect.poll(() => readFile(file, 'utf8')).toMatch(/^\/\/ edited in Anvil\nimport Resolver/);
  // Ctrl+S saves the shown file wherever the focus is, here in the Explorer.
  await typeAtTop(page, editor, '// saved from the Explorer\n');
  await expect(tab).toContainText('not saved');
  await tree.getByRole('treeitem', { name: 'src', exact: true }).focus();
  await page.keyboard.press('Control+s');
  await expect(tab).not.toContainText('not saved');
  await expect.poll(() => readFile(file, 'utf8')).toMatch(/^\/\/ saved from the Explorer\n/);
  // The manifest was not touched by the file's Ctrl+S.
  expect(await readFile(path.join(shell.appFolder, 'manifest.yml'), 'utf8')).not.toContain('edited in Anvil');
});

test('closing a tab with unsaved edits asks: Cancel keeps them, Discard drops them, Save writes them', async ({ page, shell }) => {
  const file = path.join(shell.appFolder, 'src', 'index.js');
  const original = await readFile(file, 'utf8');
  await page.goto(shell.url);
  const { tab, editor } = await openFromExplorer(page, 'index.js');
  await typeAtTop(page, editor, '// one\n');
  const ask = page.getByRole('alertdialog', { name: 'Unsaved changes' });

  // Ctrl+W asks; Cancel keeps the tab and the edit.
  await page.keyboard.press('Control+w');
  await expect(ask).toContainText('src/index.js');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(tab).toBeVisible();
  await expect(editor.locator('.view-lines')).toContainText('// one');

  // The close button asks too; Discard closes without writing.
  await page.getByTestId('close-src/index.js').click();
  await ask.getByRole('button', { name: 'Discard' }).click();
  await expect(tab).toHaveCount(0);
  await expect(page.getByRole('tab', { name: /^manifest\.yml/ })).toHaveAttribute('aria-selected', 'true');
  expect(await readFile(file, 'utf8')).toBe(original);

  // Opened again it shows the disk's text; a middle click asks, and Save writes before closing.
  const again = await openFromExplorer(page, 'index.js');
  await expect(again.editor.locator('.view-lines')).not.toContainText('// one');
  await typeAtTop(page, again.editor, '// two\n');
  await again.tab.click({ button: 'middle' });
  await ask.getByRole('button', { name: 'Save' }).click();
  await expect(again.tab).toHaveCount(0);
  expect(await readFile(file, 'utf8')).toMatch(/^\/\/ two\n/);
});

test('an outside change reloads a clean editor; with unsaved edits a bar offers Reload from disk or Overwrite', async ({ page, shell }) => {
  const file = path.join(shell.appFolder, 'src', 'index.js');
  const original = await readFile(file, 'utf8');
  await page.goto(shell.url);
  const { tab, editor } = await openFromExplorer(page, 'index.js');

  await writeFile(file, `// changed outside\n${original}`);
  await expect(editor.locator('.view-lines')).toContainText('// changed outside');
  await expect(page.getByRole('button', { name: 'Reload from disk' })).toHaveCount(0);

  await typeAtTop(page, editor, '// mine\n');
  await writeFile(file, `// changed outside again\n${original}`);
  const bar = page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Reload from disk' }) });
  await expect(bar).toBeVisible();
  await expect(editor.locator('.view-lines')).toContainText('// mine');
  await expect(tab).toContainText('not saved');

  // Saving now is refused the same way (the disk is newer); Overwrite writes the editor's text.
  await page.keyboard.press('Control+s');
  await expect(bar).toBeVisible();
  expect(await readFile(file, 'utf8')).toMatch(/^\/\/ changed outside again\n/);
  await bar.getByRole('button', { name: 'Overwrite' }).click();
  await expect(bar).toHaveCount(0);
  await expect.poll(() => readFile(file, 'utf8')).toMatch(/^\/\/ mine\n\/\/ changed outside\n/);

  // Reload from disk drops the editor's edits for the disk's text.
  await typeAtTop(page, editor, '// dropped\n');
  await writeFile(file, `// theirs\n${original}`);
  await expect(bar).toBeVisible();
  await bar.getByRole('button', { name: 'Reload from disk' }).click();
  await expect(bar).toHaveCount(0);
  await expect(editor.locator('.view-lines')).toContainText('// theirs');
  await expect(editor.locator('.view-lines')).not.toContainText('// dropped');
  await expect(tab).not.toContainText('not saved');
});

test('TypeScript files get the language service: a type error is marked and explained on hover', async ({ page, shell }) => {
  await writeFile(path.join(shell.appFolder, 'src', 'count.ts'), "export function count(items: string[]): number {\n  const total: number = 'all of them';\n  return items.length + total;\n}\n");
  await page.goto(shell.url);
  const { editor } = await openFromExplorer(page, 'count.ts');
  const marker = editor.locator('.squiggly-error');
  await expect(marker.first()).toBeVisible({ timeout: 30_000 });
  // Pointing at the marked text explains it.
  const box = (await marker.first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.locator('.monaco-hover').filter({ hasText: "not assignable to type 'number'" })).toBeVisible();
});

test('opening another app with an unsaved app file asks first, naming the file', async ({ page, shell, shellKind }) => {
  test.skip(shellKind === 'desktop', 'the desktop shell picks folders with the native dialog, which a test cannot drive');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-e2e-other-'));
  const otherApp = path.join(scratch, 'other-app');
  copyAppFolder(SAMPLE_APP, otherApp);
  const otherPackage = JSON.parse(await readFile(path.join(otherApp, 'package.json'), 'utf8')) as { name: string };
  await writeFile(path.join(otherApp, 'package.json'), JSON.stringify({ ...otherPackage, name: 'other-radar' }));
  try {
    await page.goto(shell.url);
    const { editor } = await openFromExplorer(page, 'index.js');
    await typeAtTop(page, editor, '// keep me\n');
    const tryToOpenOther = async () => {
      await page.getByRole('button', { name: 'Open app folder…' }).click();
      await page.getByRole('dialog', { name: 'Open app folder' }).getByRole('textbox').fill(otherApp);
      await page.getByRole('dialog', { name: 'Open app folder' }).getByRole('button', { name: 'Open', exact: true }).click();
    };
    await tryToOpenOther();
    const ask = page.getByRole('alertdialog', { name: 'Unsaved changes' });
    await expect(ask).toContainText('src/index.js');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
    await expect(editor.locator('.view-lines')).toContainText('// keep me');

    await tryToOpenOther();
    await ask.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('app-name')).toHaveText('other-radar');
    expect(await readFile(path.join(shell.appFolder, 'src', 'index.js'), 'utf8')).toMatch(/^\/\/ keep me\n/);
    // The other app starts with the manifest alone.
    await expect(page.getByRole('tablist', { name: 'Open editors' }).getByRole('tab')).toHaveCount(1);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

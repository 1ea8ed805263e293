import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '../support/web-shell';

// Code is read in the viewer as in an editor: every character of a long line can be reached, and
// keywords, strings and comments are told apart by colour.
test('the source viewer shows long lines whole and highlights the code', async ({ page, shell }) => {
  const file = path.join(shell.appFolder, 'src', 'index.js');
  const source = await readFile(file, 'utf8');
  // A trailing comment keeps every line number (and so the Scopes pane's locations) as it was.
  const long = `// ${'a long explanation that keeps going '.repeat(12)}END-OF-LONG-LINE`;
  const edited = source.replace(/(requestJira\(route`[^\n]*)/, `$1 ${long}`);
  expect(edited).not.toBe(source);
  await writeFile(file, edited);

  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Scopes' }).click();
  await page.getByRole('tabpanel', { name: 'Scopes' }).getByRole('button', { name: /^src\/index\.js:\d+$/ }).first().click();
  const viewer = page.getByRole('dialog', { name: /^src\/index\.js:\d+$/ });
  await expect(viewer).toBeVisible();
  const current = viewer.locator('.current');
  await expect(current).toContainText('requestJira');
  await expect(current).toContainText('END-OF-LONG-LINE');

  // The end of the long line is on screen as the viewer opens: no part of the line is hidden
  // beyond an edge (a box that clips it, or the viewer's own).
  type Rect = { left: number; right: number; top: number; bottom: number };
  type Box = { getBoundingClientRect(): Rect; parentElement: Box | null };
  type Dom = {
    document: { createRange(): { setStart(node: unknown, offset: number): void; setEnd(node: unknown, offset: number): void; getBoundingClientRect(): Rect }; createTreeWalker(root: unknown, what: number): { nextNode(): unknown } };
    getComputedStyle(element: unknown): { overflowX: string; color: string };
  };
  const reach = await current.evaluate((line, marker) => {
    const dom = globalThis as unknown as Dom;
    const walker = dom.document.createTreeWalker(line, 4);
    let node = walker.nextNode() as { textContent: string } | null;
    while (node && !node.textContent.includes(marker)) node = walker.nextNode() as { textContent: string } | null;
    if (!node) return null;
    const range = dom.document.createRange();
    const at = node.textContent.indexOf(marker);
    range.setStart(node, at);
    range.setEnd(node, at + marker.length);
    const rect = range.getBoundingClientRect();
    const clippedBy: string[] = [];
    for (let box = (line as unknown as Box).parentElement; box; box = box.parentElement) {
      if (dom.getComputedStyle(box).overflowX === 'visible') continue;
      const shown = box.getBoundingClientRect();
      if (rect.left < shown.left || rect.right > shown.right) clippedBy.push(String((box as unknown as { className: string }).className));
    }
    return { ...JSON.parse(JSON.stringify(rect)) as Rect, clippedBy };
  }, 'END-OF-LONG-LINE');
  expect(reach).not.toBeNull();
  const viewerBox = (await viewer.boundingBox())!;
  expect(reach!.left).toBeGreaterThanOrEqual(viewerBox.x);
  expect(reach!.right).toBeLessThanOrEqual(viewerBox.x + viewerBox.width);
  expect(reach!.right - reach!.left).toBeGreaterThan(0);
  expect(reach!.clippedBy).toEqual([]);
  // Nothing of it spills out of the page either.
  type Root = { document: { documentElement: { scrollWidth: number; clientWidth: number } } };
  const [scrollWidth, clientWidth] = await page.evaluate(() => {
    const root = (globalThis as unknown as Root).document.documentElement;
    return [root.scrollWidth, root.clientWidth];
  });
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);

  // Highlighted: the keyword `await` and the comment are drawn in colours of their own.
  const keyword = current.getByText('await', { exact: true });
  const name = current.getByText('response', { exact: true });
  const comment = current.getByText(/END-OF-LONG-LINE/);
  const colour = (locator: typeof keyword) => locator.evaluate((element) => (globalThis as unknown as Dom).getComputedStyle(element).color);
  const [keywordColour, nameColour, commentColour] = [await colour(keyword), await colour(name), await colour(comment)];
  expect(keywordColour).not.toBe(nameColour);
  expect(commentColour).not.toBe(nameColour);
  expect(commentColour).not.toBe(keywordColour);
});

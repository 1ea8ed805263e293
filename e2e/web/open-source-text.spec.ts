import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { editorTab, expectCursorLine } from '../support/editor-tabs';
import { expect, test } from '../support/web-shell';

// Code opened at a location reads as in an editor: every character of a long line can be reached,
// and keywords, strings and comments are told apart by colour.
test('a file opened at a location shows long lines whole and highlights the code', async ({ page, shell }) => {
  const file = path.join(shell.appFolder, 'src', 'index.js');
  const source = await readFile(file, 'utf8');
  // A trailing comment keeps every line number (and so the Scopes pane's locations) as it was.
  const long = `// ${'a long explanation that keeps going '.repeat(12)}END-OF-LONG-LINE`;
  const edited = source.replace(/(requestJira\(route`[^\n]*)/, `$1 ${long}`);
  expect(edited).not.toBe(source);
  await writeFile(file, edited);

  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Scopes' }).click();
  await page
    .getByRole('tabpanel', { name: 'Scopes' })
    .getByRole('button', { name: /^src\/index\.js:\d+$/ })
    .first()
    .click();
  await expect(editorTab(page, 'src/index.js')).toHaveAttribute('aria-selected', 'true');
  const current = await expectCursorLine(page, 'requestJira');
  await expect(current).toContainText('END-OF-LONG-LINE');

  // The end of the long line can be brought on screen (End, as in any editor), inside the editor's own box.
  await page.keyboard.press('End');
  const editor = page.getByTestId('app-file-editor');
  // Monaco cuts a long token into several spans: the line's last span holds its last characters.
  const marker = current.locator(':scope > span > span').last();
  await expect(marker).toBeInViewport();
  const editorBox = (await editor.boundingBox())!;
  await expect
    .poll(async () => {
      const box = (await marker.boundingBox())!;
      // The line's last characters: their right edge must be inside the editor.
      return box.x + box.width <= editorBox.x + editorBox.width + 1 && box.x + box.width > editorBox.x;
    })
    .toBe(true);
  // Nothing of it spills out of the page.
  type Root = { document: { documentElement: { scrollWidth: number; clientWidth: number } } };
  const [scrollWidth, clientWidth] = await page.evaluate(() => {
    const root = (globalThis as unknown as Root).document.documentElement;
    return [root.scrollWidth, root.clientWidth];
  });
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);

  // Highlighted: the keyword `await`, a plain name and the comment are drawn in colours of their own.
  // Monaco draws a run of same-coloured tokens as one span, so spans are found by what their text holds.
  await page.keyboard.press('Home');
  type Span = { textContent: string | null };
  type Dom = { getComputedStyle(element: unknown): { color: string } };
  const colours = () =>
    current.evaluate((line) => {
      const spans = [...(line as unknown as { querySelectorAll(selector: string): Iterable<Span> }).querySelectorAll(':scope > span > span')];
      const text = (span: Span) => (span.textContent ?? '').replace(/\u00a0/g, ' ');
      const colourOf = (test: (text: string) => boolean) => {
        const span = spans.find((candidate) => test(text(candidate)));
        return span ? (globalThis as unknown as Dom).getComputedStyle(span).color : null;
      };
      return {
        keyword: colourOf((content) => content.trim() === 'await'),
        name: colourOf((content) => /\bresponse\b/.test(content)),
        comment: colourOf((content) => content.startsWith('// a long explanation')),
      };
    });
  await expect.poll(async () => Object.values(await colours()).every((colour) => colour !== null)).toBe(true);
  const { keyword, name, comment } = await colours();
  expect(keyword).not.toBe(name);
  expect(comment).not.toBe(name);
  expect(comment).not.toBe(keyword);
});

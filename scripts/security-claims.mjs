// The security claims table in SECURITY.md names, for every claim, a test file and the exact title of
// a test in it. This reads the table and says which rows name a file or a test that does not exist,
// so a claim cannot outlive the test that proves it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROW = /^\|\s*(?<claim>[^|]+?)\s*\|\s*`(?<file>[^`]+)`\s*›\s*(?<title>.+?)\s*\|\s*$/;

/** The rows of the claims table: `| claim | \`file\` › test title |`. */
export function claimRows(markdown) {
  const start = markdown.indexOf('## Claims and the tests that prove them');
  if (start < 0) return [];
  return markdown
    .slice(start)
    .split('\n')
    .map((line) => ROW.exec(line)?.groups)
    .filter((row) => row !== undefined)
    .map((row) => ({ claim: row.claim, file: row.file, title: row.title }));
}

/**
 * The titles a test file can give its tests: the string literals after `it(`, `test(` and their
 * `.each(…)(` forms, with `\uXXXX` escapes read as the characters they stand for.
 */
function testTitles(source) {
  const titles = new Set();
  const call = /(?:\b(?:it|test)(?:\.\w+)?|\))\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;
  for (const match of source.matchAll(call)) {
    titles.add(match[2].replace(/\\u([0-9a-fA-F]{4})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))).replace(/\\(['"`\\])/g, '$1'));
  }
  return titles;
}

/** Every row whose file or test cannot be found, with the reason. */
export function brokenClaims(root, markdown) {
  const broken = [];
  for (const row of claimRows(markdown)) {
    const file = path.join(root, row.file);
    if (!existsSync(file)) broken.push({ ...row, reason: `no file ${row.file}` });
    else if (!testTitles(readFileSync(file, 'utf8')).has(row.title)) broken.push({ ...row, reason: `no test titled "${row.title}" in ${row.file}` });
  }
  return broken;
}

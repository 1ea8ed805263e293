import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without declarations
import { brokenClaims, claimRows } from './security-claims.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
type Row = { claim: string; file: string; title: string; reason?: string };
const rows = claimRows as (markdown: string) => Row[];
const broken = brokenClaims as (root: string, markdown: string) => Row[];

describe('the security claims in SECURITY.md', () => {
  const markdown = readFileSync(path.join(ROOT, 'SECURITY.md'), 'utf8');

  it('each name a test that exists', () => {
    expect(rows(markdown).length).toBeGreaterThan(20);
    expect(broken(ROOT, markdown).map((row) => `${row.claim}: ${row.reason}`)).toEqual([]);
  });

  it('notice a claim whose test is gone', () => {
    const table =
      '## Claims and the tests that prove them\n\n| Claim | Test |\n| --- | --- |\n| made up | `scripts/security-claims.test.ts` › no such test |\n| no file | `scripts/none.test.ts` › x |\n';
    expect(broken(ROOT, table).map((row) => row.reason)).toEqual(['no test titled "no such test" in scripts/security-claims.test.ts', 'no file scripts/none.test.ts']);
  });
});

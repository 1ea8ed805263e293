import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseManifest, SchemaValidator } from '../manifest';
import { scratchFolder } from '../testing';
import { CachedSchemaValidator, SCHEMA_CACHE_FILE } from './schema-cache';

const STAMP = '{"forgeManifest":"test"}';
const manifest = (runtime: string) => parseManifest(`app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n  runtime:\n    name: ${runtime}\nmodules: {}\n`).value;

/** Validate as a fresh lint process would, counting the validations that really ran. */
async function check(folder: string, value: unknown, stamp = STAMP) {
  const real = vi.spyOn(SchemaValidator.prototype, 'validate');
  const validator = new CachedSchemaValidator(folder, stamp);
  try {
    const violations = await validator.validate(value);
    return { violations, validated: real.mock.calls.length };
  } finally {
    validator.close();
    real.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('the schema check cache of lint', () => {
  it('answers an unchanged manifest from the cache, and checks a changed one again', async () => {
    const folder = scratchFolder();
    const first = await check(folder, manifest('nodejs8.x'));
    expect(first.validated).toBe(1);
    expect(first.violations.some((violation) => violation.keyword === 'enum')).toBe(true);
    const again = await check(folder, manifest('nodejs8.x'));
    expect(again).toEqual({ violations: first.violations, validated: 0 });
    const fixed = await check(folder, manifest('nodejs22.x'));
    expect(fixed.validated).toBe(1);
    expect(fixed.violations.some((violation) => violation.keyword === 'enum')).toBe(false);
  }, 30_000);

  it('checks again for another validator build', async () => {
    const folder = scratchFolder();
    await check(folder, manifest('nodejs8.x'));
    expect((await check(folder, manifest('nodejs8.x'), '{"forgeManifest":"newer"}')).validated).toBe(1);
  }, 30_000);

  it('ignores planted or malformed answers and checks the manifest itself', async () => {
    const folder = scratchFolder();
    const fresh = await check(folder, manifest('nodejs8.x'));
    const file = path.join(folder, SCHEMA_CACHE_FILE);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { key: string; violations: Record<string, unknown>[] };
    const plants = [
      // No violations, for another manifest: would hide the bad runtime.
      JSON.stringify({ key: 'f'.repeat(64), violations: [] }),
      // The right key, shapes the diagnostics cannot use.
      JSON.stringify({ key: stored.key, violations: [{ ...stored.violations[0], keyword: 'enum', params: { allowedValues: 'nodejs22.x' } }] }),
      JSON.stringify({ key: stored.key, violations: [{ instancePath: 7, keyword: 'enum', message: 'x', params: {} }] }),
      JSON.stringify({ key: stored.key, violations: {} }),
      '{"key":',
    ];
    for (const plant of plants) {
      writeFileSync(file, plant);
      const checked = await check(folder, manifest('nodejs8.x'));
      expect(checked, plant.slice(0, 60)).toEqual({ violations: fresh.violations, validated: 1 });
    }
  }, 30_000);
});

import Ajv, { type ErrorObject } from 'ajv';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SchemaValidator } from '../main/manifest';
import { generatedValidatorPath } from '../main/manifest/schema-validator';
// @ts-expect-error: plain JavaScript module without declarations, run by node before any build
import * as generator from './manifest-validator.mjs';
import { sharedDataFolder } from '../main/testing/shared-data';

const { AJV_OPTIONS, buildManifestValidator, manifestValidatorIsStale, MANIFEST_VALIDATOR_FOLDER } = generator as {
  AJV_OPTIONS: Record<string, unknown>;
  buildManifestValidator: () => Promise<void>;
  manifestValidatorIsStale: (folder?: string) => boolean;
  MANIFEST_VALIDATOR_FOLDER: string;
};

// Real manifests of public Forge apps, kept beside the project (not in it): read in place, never copied.
const { folder: CORPUS, present: hasCorpus } = sharedDataFolder('corpus', 'manifests');
const requireHere = createRequire(import.meta.url);
type Manifest = Record<string, unknown> & { modules?: Record<string, unknown[]> };

const shape = (errors: readonly Partial<ErrorObject>[] | null | undefined) =>
  (errors ?? []).map(({ instancePath, keyword, message, params }) => ({ instancePath, keyword, message: message ?? '', params }));

/** Mistakes inside each module type's items, where the generated validator hands over to a module file. */
function withModuleMistakes(manifest: Manifest): Manifest {
  const copy = structuredClone(manifest);
  for (const [type, items] of Object.entries(copy.modules ?? {})) {
    if (!Array.isArray(items) || items.length === 0) continue;
    const first = items[0] as Record<string, unknown>;
    first.colour = 'blue';
    delete first.key;
    items.push({ key: 42 } as never);
    if (type === 'function') first.handler = ['not', 'a', 'string'];
  }
  return copy;
}

describe.skipIf(!hasCorpus)('the generated manifest schema validator (corpus: ../shared/corpus/manifests)', () => {
  let compiled: ReturnType<Ajv['compile']>;
  let generated: { validateManifest(manifest: unknown): ErrorObject[] };
  let manifests: [string, Manifest][];

  beforeAll(async () => {
    if (manifestValidatorIsStale()) await buildManifestValidator();
    generated = requireHere(path.join(MANIFEST_VALIDATOR_FOLDER, 'index.cjs')) as typeof generated;
    compiled = new Ajv(AJV_OPTIONS).compile(requireHere('@forge/manifest/schema.json') as object);
    manifests = readdirSync(CORPUS)
      .filter((name) => name.endsWith('.yml'))
      .sort()
      .map((name) => [name, parse(readFileSync(path.join(CORPUS, name), 'utf8')) as Manifest]);
  }, 180_000);

  it('reports exactly what the compiled schema reports, in the same order, for real manifests', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(5);
    for (const [name, manifest] of manifests) {
      compiled(manifest);
      expect({ name, violations: shape(generated.validateManifest(manifest)) }).toEqual({ name, violations: shape(compiled.errors) });
    }
  });

  it('reports the same mistakes inside module items as the compiled schema, never its own markers', () => {
    let total = 0;
    for (const [name, manifest] of manifests) {
      const broken = withModuleMistakes(manifest);
      compiled(broken);
      const expected = shape(compiled.errors);
      const actual = generated.validateManifest(broken);
      total += expected.length;
      expect({ name, violations: shape(actual) }).toEqual({ name, violations: expected });
      expect(actual.filter((error) => error.schemaPath.startsWith('#/definitions/ModuleSchema/properties/'))).toEqual([]);
    }
    // The mistakes were seen at all: a validator that answered nothing would fail above, but make it plain.
    expect(total).toBeGreaterThan(manifests.length * 2);
  });

  it('lint validates in its own thread with the generated code: schema findings at once, no compile', async () => {
    expect(generatedValidatorPath()).toBe(path.join(MANIFEST_VALIDATOR_FOLDER, 'index.cjs'));
    const validator = new SchemaValidator({ inThisThread: true });
    try {
      expect(validator.isReady()).toBe(true);
      const [, manifest] = manifests[0]!;
      const violations = await validator.validate(withModuleMistakes(manifest));
      compiled(withModuleMistakes(manifest));
      expect(violations).toEqual(shape(compiled.errors));
    } finally {
      validator.close();
    }
  });
});

describe('when the generated validator is rebuilt', () => {
  it('is stale when it is missing, or was made for another @forge/manifest version, and current otherwise', async () => {
    if (manifestValidatorIsStale()) await buildManifestValidator();
    const copy = mkdtempSync(path.join(os.tmpdir(), 'anvil-manifest-schema-'));
    expect(manifestValidatorIsStale(path.join(copy, 'absent'))).toBe(true);
    cpSync(path.join(MANIFEST_VALIDATOR_FOLDER, 'stamp.json'), path.join(copy, 'stamp.json'));
    expect(manifestValidatorIsStale(copy)).toBe(false);
    const stamp = JSON.parse(readFileSync(path.join(copy, 'stamp.json'), 'utf8')) as { forgeManifest: string; generator: string };
    writeFileSync(path.join(copy, 'stamp.json'), JSON.stringify({ ...stamp, forgeManifest: '0.0.1' }));
    expect(manifestValidatorIsStale(copy)).toBe(true);
    writeFileSync(path.join(copy, 'stamp.json'), JSON.stringify({ ...stamp, generator: 'an older generator' }));
    expect(manifestValidatorIsStale(copy)).toBe(true);
  }, 180_000);
});

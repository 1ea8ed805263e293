import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { generatedValidatorPath, SchemaValidator, type SchemaViolation } from '../manifest';
import { writeFileAtomically } from './atomic-write';

/** The file, in the app's folder under Anvil's data folder, that holds the last manifest's schema check. */
export const SCHEMA_CACHE_FILE = 'schema-check.json';
// The validator reports at most 500 violations; a cache claiming more is not one it wrote.
const MAX_VIOLATIONS = 500;
const MAX_CACHE_BYTES = 4 * 1024 * 1024;

/**
 * The manifest schema check of the command line, remembered for an unchanged manifest: the generated
 * validator's code for a manifest's module types takes a tenth of a second to load. The answer is keyed by
 * the SHA-256 of the validator's build stamp (the @forge/manifest, Ajv and generator versions) and of the
 * parsed manifest; it is read back as untrusted input, so anything unexpected means the schema is checked again.
 */
export class CachedSchemaValidator extends SchemaValidator {
  constructor(
    private readonly folder: string,
    private readonly stamp: string | null = validatorStamp(),
  ) {
    super({ inThisThread: true });
  }

  override async validate(manifest: unknown): Promise<SchemaViolation[]> {
    if (this.stamp === null) return super.validate(manifest);
    const key = createHash('sha256').update(this.stamp).update('\0').update(manifestKey(manifest)).digest('hex');
    const cached = await this.read(key);
    if (cached !== null) return cached;
    const violations = await super.validate(manifest);
    await writeFileAtomically(this.folder, SCHEMA_CACHE_FILE, JSON.stringify({ key, violations }));
    return violations;
  }

  private async read(key: string): Promise<SchemaViolation[] | null> {
    const file = path.join(this.folder, SCHEMA_CACHE_FILE);
    try {
      const info = await lstat(file);
      if (!info.isFile() || info.size > MAX_CACHE_BYTES) return null;
      const stored = JSON.parse(await readFile(file, 'utf8')) as unknown;
      if (!isRecord(stored) || stored.key !== key || !Array.isArray(stored.violations) || stored.violations.length > MAX_VIOLATIONS) return null;
      const violations: SchemaViolation[] = [];
      for (const value of stored.violations) {
        const violation = parseViolation(value);
        if (violation === null) return null;
        violations.push(violation);
      }
      return violations;
    } catch {
      return null;
    }
  }
}

/** The generated validator's build stamp, or null when there is no generated validator (nothing is cached then). */
export function validatorStamp(): string | null {
  const index = generatedValidatorPath();
  if (index === null) return null;
  try {
    return readFileSync(path.join(path.dirname(index), 'stamp.json'), 'utf8');
  } catch {
    return null;
  }
}

// The parsed manifest as text; numbers JSON cannot write (Infinity, NaN from YAML's .inf, .nan) are kept apart from null.
function manifestKey(manifest: unknown): string {
  return JSON.stringify(manifest, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? { '\0number': String(value) } : value)) ?? 'undefined';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Ajv's shape, and what the diagnostics read of it: an enum violation lists its allowed values.
function parseViolation(value: unknown): SchemaViolation | null {
  if (!isRecord(value) || typeof value.instancePath !== 'string' || typeof value.keyword !== 'string' || typeof value.message !== 'string' || !isRecord(value.params)) return null;
  if (value.keyword === 'enum' && !Array.isArray(value.params.allowedValues)) return null;
  return { instancePath: value.instancePath, keyword: value.keyword, message: value.message, params: { ...value.params } };
}

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { moduleTypes } from './module-types';
import { generatedValidatorPath } from './schema-validator';

const schema = createRequire(import.meta.url)('@forge/manifest/schema.json') as { definitions: { ModuleSchema: { properties: Record<string, unknown> } } };

describe('module types', () => {
  it('are exactly the module types of @forge/manifest’s schema', () => {
    expect(moduleTypes()).toEqual(Object.keys(schema.definitions.ModuleSchema.properties).sort());
    expect(moduleTypes()).toContain('jira:issuePanel');
  });

  it.skipIf(generatedValidatorPath() === null)('come from the generated validator, which lists the same types as the schema', () => {
    const generated = (createRequire(import.meta.url)(generatedValidatorPath()!) as { moduleTypes?: string[] }).moduleTypes;
    expect([...(generated ?? [])].sort()).toEqual(Object.keys(schema.definitions.ModuleSchema.properties).sort());
  });
});

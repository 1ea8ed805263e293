import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allOperations, tableSources } from './endpoint-table';
import { sharedDataFolder } from '../testing/shared-data';

const { folder: SPEC_FOLDER, present: SPECS_PRESENT } = sharedDataFolder('forge', 'openapi');
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
/** What the table may put before a spec's path to make it the full path an app calls. */
const PREFIXES = ['', '/rest', '/wiki', '/wiki/rest', '/wiki/api/v2'];

interface SpecOperation {
  deprecated?: boolean;
  security?: Record<string, string[]>[];
  'x-atlassian-oauth2-scopes'?: { state: string; scopes: string[] }[];
}
interface Spec {
  info: { version: string };
  paths: Record<string, Record<string, SpecOperation>>;
}

/** Every scope a spec names for an operation, in whichever place it keeps them. */
function specScopes(operation: SpecOperation): string[] {
  const declared = operation['x-atlassian-oauth2-scopes'];
  const scopes = declared ? declared.flatMap((entry) => entry.scopes) : (operation.security ?? []).flatMap((entry) => [...(entry.OAuth2 ?? []), ...(entry.oAuthDefinitions ?? [])]);
  return [...new Set(scopes)].sort();
}

describe('the generated endpoint table', () => {
  it('records which specs it came from', () => {
    expect(tableSources().map((source) => source.file)).toEqual(['jira-platform.v3.json', 'jira-software.v3.json', 'confluence-v1.v3.json', 'confluence-v2.v3.json']);
    expect(allOperations().length).toBe(tableSources().reduce((sum, source) => sum + source.operations, 0));
  });

  it('gives full paths an app passes to requestJira and requestConfluence', () => {
    for (const operation of allOperations()) {
      if (operation.product === 'jira') expect(operation.path, operation.path).toMatch(/^\/rest\//);
      else expect(operation.path, operation.path).toMatch(/^\/wiki\/(rest|api\/v2)\//);
    }
  });

  it.skipIf(!SPECS_PRESENT)(`covers every operation of the specs, with the same scopes${SPECS_PRESENT ? '' : ` (skipped: no specs at ${SPEC_FOLDER})`}`, () => {
    const table = allOperations();
    tableSources().forEach((source, sourceIndex) => {
      const spec = JSON.parse(readFileSync(path.join(SPEC_FOLDER, source.file), 'utf8')) as Spec;
      expect(source.version, `${source.file} changed since the table was generated; run scripts/generate-scope-data.mjs`).toBe(spec.info.version);
      // The table keeps the specs' order, so this source's rows follow the earlier sources' rows.
      const first = tableSources()
        .slice(0, sourceIndex)
        .reduce((sum, earlier) => sum + earlier.operations, 0);
      const rows = table.slice(first, first + source.operations);
      let count = 0;
      for (const [specPath, item] of Object.entries(spec.paths)) {
        for (const method of HTTP_METHODS) {
          const operation = item[method];
          if (!operation) continue;
          const where = `${source.file} ${method.toUpperCase()} ${specPath}`;
          const row = rows.find(
            (candidate) => candidate.method === method.toUpperCase() && candidate.path.endsWith(specPath) && PREFIXES.includes(candidate.path.slice(0, candidate.path.length - specPath.length)),
          );
          expect(row, `${where} is missing from the table`).toBeDefined();
          expect([...new Set([...row!.classic, ...row!.granular])].sort(), where).toEqual(specScopes(operation));
          expect(row!.deprecated, where).toBe(operation.deprecated === true);
          count++;
        }
      }
      expect(rows.length, source.file).toBe(count);
    });
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportedNames } from '../manifest/handler-exports';
import { scanSource } from './scan-source';
import { SCANNER_VERSION } from './scanner-version';
import { emptyFacts, type SourceFacts } from './source-facts';

// Files that exercise every finder and the export lookup (kept here, so only a scanner change moves the fingerprint).
const FIXTURES: Record<string, string> = {
  'src/resolvers.js': `import Resolver from '@forge/resolver';
const resolver = new Resolver();
resolver.define('getIssueRadar', async ({ context }) => context.extension.issue.key);
resolver.define(\`dynamic-\${Date.now()}\`, () => null);
export const handler = resolver.getDefinitions();`,
  'src/frontend/index.jsx': `import { invoke, view } from '@forge/bridge';
export const App = () => { invoke('getIssueRadar', { limit: 3 }); return <div />; };`,
  'src/products.ts': `import api, { route, requestConfluence } from '@forge/api';
const client = api.asUser();
export async function run(id: string) {
  await client.requestJira(route\`/rest/api/3/issue/\${id}\`, { method: 'PUT' });
  await requestConfluence(route\`/wiki/api/v2/pages\`);
  await api.asApp().requestBitbucket(route\`/2.0/repositories\`, { method: someMethod() });
  return fetch('https://Api.Example.com:8443/v1?q=' + id);
}`,
  'src/storage.js': `const { kvs, storage, webTrigger } = require('@forge/api');
module.exports.save = async () => { await kvs.entity('task').set('a', 1); await storage.get('b'); return webTrigger.getUrl('hook'); };
exports.other = 1;`,
  'src/ui.tsx': `import { invoke, useIssueProperty } from '@forge/react';
export default function App() { const [v] = useIssueProperty('k', 1); invoke('key-' + v); return null; }
export * from './more';`,
  'src/broken.js': 'const x = fetch("https://a.example/" + ; requestJira(',
  'src/plain.js': 'export const sum = (a, b) => a + b;',
  'src/services.js': `import sql from '@forge/sql';
export const ask = async () => (await import('@forge/llm')).chat({ model: 'claude', messages: [] });
export const count = () => sql.executeRaw('SELECT 1');`,
};

/** A digest of what the scanner and the export lookup answer for the fixtures. */
function outputFingerprint(): string {
  const answers = Object.entries(FIXTURES).map(([file, text]) => {
    const names = exportedNames(file, text);
    return { facts: scanSource(file, text), exports: names === null ? null : [...names].sort() };
  });
  return createHash('sha256').update(JSON.stringify(answers)).digest('hex');
}

// Each scanner version and the output it gave. A change to the scanner's output fails this test: add
// a new version here with the new fingerprint and raise SCANNER_VERSION, so caches of the old answers are dropped.
const RECORDED: Record<number, string> = {
  1: 'd144a23cbe3229a841d63e1d8728da24c7fd8dd93cd44016f9d802e3befd0c95',
  2: '7854a4bc1249ca6c6f595428cf1fc78ef6f58c0b4e8833eac200f6087d5a58c3',
  // 3: imports of @forge/sql and @forge/llm (serviceImports), with a fixture that has them.
  3: '2327ac603f8c263a885ced5ebccc9df6abc3c07c1145e05684d42146f93ad24a',
};

describe('the scanner version', () => {
  it('names the scanner output it was recorded with (bump SCANNER_VERSION when the output changes)', () => {
    const fingerprint = outputFingerprint();
    expect(
      RECORDED[SCANNER_VERSION],
      `The source scanner's output changed (fingerprint ${fingerprint}). Raise SCANNER_VERSION in scanner-version.ts to ${SCANNER_VERSION + 1} and record that version's fingerprint here.`,
    ).toBe(fingerprint);
  });

  it('covers every kind of fact, so a change to any finder moves the fingerprint', () => {
    const all = Object.entries(FIXTURES).map(([file, text]) => scanSource(file, text));
    // Every list a file's facts have, so a kind added later is covered too.
    const kinds = Object.entries(emptyFacts('any')).flatMap(([kind, value]) => (Array.isArray(value) ? [kind as keyof SourceFacts] : []));
    expect(kinds).toContain('serviceImports');
    for (const kind of kinds) {
      expect(
        all.some((facts) => (facts[kind] as unknown[]).length > 0),
        kind,
      ).toBe(true);
    }
    const exports = Object.entries(FIXTURES).map(([file, text]) => exportedNames(file, text));
    expect(exports).toContain(null);
    expect(exports.some((names) => names?.has('save') && names.has('other'))).toBe(true);
  });

  it('never records one fingerprint for two versions', () => {
    expect(new Set(Object.values(RECORDED)).size).toBe(Object.keys(RECORDED).length);
  });
});

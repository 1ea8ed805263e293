import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oneFunctionManifest, smallApp } from '../../testing';
import { AppRunner } from '../app-runner';

const MANIFEST = oneFunctionManifest();

// What a Forge SQL client does underneath: a __forge_fetch__ call of type sql.
const SQL_CLIENT = "exports.sql = { executeRaw: async (query) => { const response = await __forge_fetch__({ type: 'sql' }, '/api/v1/execute', { method: 'POST', body: JSON.stringify({ query }) }); return { status: response.status, body: await response.json() }; } };\n";

const runners: AppRunner[] = [];
afterEach(() => {
  for (const runner of runners.splice(0)) runner.close();
});

describe('platform services the local runner does not serve', () => {
  it('a Forge SQL call is answered 501, naming @forge/sql and its version, and never goes on as a product call', async () => {
    const app = smallApp(MANIFEST, "import { sql } from '@forge/sql';\nexport async function main() { return sql.executeRaw('SELECT 1'); }\n");
    mkdirSync(path.join(app, 'node_modules', '@forge', 'sql'), { recursive: true });
    writeFileSync(path.join(app, 'node_modules', '@forge', 'sql', 'package.json'), JSON.stringify({ name: '@forge/sql', version: '2.5.0', main: 'index.js' }));
    writeFileSync(path.join(app, 'node_modules', '@forge', 'sql', 'index.js'), SQL_CLIENT);
    const runner = new AppRunner(app, { dataDir: null });
    runners.push(runner);
    const outcome = await runner.run({ functionKey: 'main' });
    expect(outcome.status).toBe('ok');
    const result = outcome.result as { status: number; body: { message: string } };
    expect(result.status).toBe(501);
    expect(result.body.message).toBe(
      "@forge/sql 2.5.0 (node_modules/@forge/sql) calls Forge SQL, which Anvil's local runner does not serve yet: the call never left your machine. Way out: try it on a development environment of the platform (forge deploy, then forge tunnel), or mock @forge/sql in tests.",
    );
    expect(outcome.calls).toEqual([expect.objectContaining({ kind: 'product', allowed: false, target: 'Forge SQL /api/v1/execute' })]);
  }, 60_000);

  it('an LLM call without the package installed still names @forge/llm', async () => {
    const app = smallApp(MANIFEST, "export async function main() { const response = await __forge_fetch__({ type: 'llm' }, 'https://llm/claude', { method: 'POST', body: '{}' }); return (await response.json()).message; }\n");
    const runner = new AppRunner(app, { dataDir: null });
    runners.push(runner);
    const outcome = await runner.run({ functionKey: 'main' });
    expect(outcome.result).toMatch(/^@forge\/llm calls Forge LLMs, which Anvil's local runner does not serve yet/);
  }, 60_000);
});

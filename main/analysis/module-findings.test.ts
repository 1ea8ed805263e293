import { describe, expect, it } from 'vitest';
import { applyEdits, modulesOf, parseManifest } from '../manifest';
import { oneFunctionManifest } from '../testing/small-app';
import { moduleFindings } from './module-findings';
import { scanSource } from './scan-source';

const MANIFEST = oneFunctionManifest(null);
/** Where the findings are drawn: the `modules:` key. */
const MODULES_LINE = MANIFEST.split('\n').indexOf('modules:') + 1;

const USES_SQL_AND_LLM = [
  scanSource('src/db.js', `import sql, { migrationRunner } from '@forge/sql';\nexport const rows = () => sql.executeRaw('SELECT 1');\n`),
  scanSource(
    'src/ask.ts',
    `const { chat } = require('@forge/llm');\nexport const ask = (prompt: string) => chat({ model: 'claude-3-5-haiku-20241022', messages: [{ role: 'user', content: prompt }] });\n`,
  ),
  scanSource('src/more.js', `export { sql } from '@forge/sql';\n`),
];

describe('platform services the code uses without their module', () => {
  it('are errors on modules naming where the code imports them, and each fix adds the module the platform needs', () => {
    const findings = moduleFindings(parseManifest(MANIFEST), USES_SQL_AND_LLM);
    expect(findings.map((finding) => [finding.severity, finding.code, finding.line])).toEqual([
      ['error', 'module-missing', MODULES_LINE],
      ['error', 'module-missing', MODULES_LINE],
    ]);
    expect(findings[0]!.message).toBe('Forge SQL is used by src/db.js:1 (imports @forge/sql) and 1 more place, but modules declares no sql module, so every SQL call is refused (APP_NOT_ENABLED).');
    expect(findings[1]!.message).toMatch(/^Forge LLMs is used by src\/ask\.ts:1 \(imports @forge\/llm\)/);
    let text = MANIFEST;
    for (const title of ['Add the sql module', 'Add the llm module']) {
      const finding = moduleFindings(parseManifest(text), USES_SQL_AND_LLM).find((candidate) => candidate.fixes[0]!.title === title)!;
      text = applyEdits(text, finding.fixes[0]!.edits);
    }
    const fixed = parseManifest(text);
    expect(modulesOf(fixed.value).map((module) => [module.type, module.value])).toEqual([
      ['function', { key: 'main', handler: 'index.main' }],
      ['sql', { key: 'main', engine: 'mysql' }],
      ['llm', { key: 'llm', model: ['claude'] }],
    ]);
    expect(moduleFindings(fixed, USES_SQL_AND_LLM)).toEqual([]);
  });

  it('are nothing to say when the code imports no service package, or its module is declared', () => {
    expect(moduleFindings(parseManifest(MANIFEST), [scanSource('src/index.js', `import api from '@forge/api';\nexport const run = () => api.fetch('x');\n`)])).toEqual([]);
    const declared = MANIFEST.replace('modules:\n', 'modules:\n  sql:\n    - key: main\n      engine: mysql\n');
    expect(moduleFindings(parseManifest(declared), [USES_SQL_AND_LLM[0]!])).toEqual([]);
  });
});

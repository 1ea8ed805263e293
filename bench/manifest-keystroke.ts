/**
 * One keystroke's analysis (what the editor asks for as the developer types) on the sample app and
 * on a generated 200-module manifest, against a baseline measured in the same run: parsing the same
 * text with the yaml library alone. Plus a cold full analysis of the largest corpus manifest.
 * Target: p95 under 10 ms per keystroke. Prints figures; never fails.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { AppAnalysis } from '../main/analysis';
import { SchemaValidator } from '../main/manifest';
import { projectRoot, sampleAppFolder } from '../main/project-root';
import { printFigures } from './measure';

const KEYSTROKES = 300;
const WARM_UP = 30;

function generatedManifest(modules: number): string {
  const lines = ['modules:', '  jira:issuePanel:'];
  for (let index = 0; index < modules / 4; index += 1)
    lines.push(
      `    - key: panel-${index}`,
      '      resource: main',
      '      resolver:',
      `        function: fn-${index}`,
      '      render: native',
      `      title: Panel ${index}`,
      '      icon: https://example.com/icon.svg',
    );
  lines.push('  scheduledTrigger:');
  for (let index = 0; index < modules / 4; index += 1) lines.push(`    - key: schedule-${index}`, `      function: fn-${index}`, '      interval: hour');
  lines.push('  function:');
  for (let index = 0; index < modules / 2; index += 1) lines.push(`    - key: fn-${index}`, '      handler: index.handler');
  lines.push('resources:', '  - key: main', '    path: src/frontend/index.jsx', 'permissions:', '  scopes:', '    - read:jira-work', '    - storage:app');
  lines.push(
    '  external:',
    '    fetch:',
    '      backend:',
    '        - address: api.github.com',
    'app:',
    '  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000',
    '  runtime:',
    '    name: nodejs22.x',
  );
  return lines.join('\n') + '\n';
}

async function keystrokes(analysis: AppAnalysis, text: string): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < KEYSTROKES + WARM_UP; index += 1) {
    const edited = `${text}# typing ${'x'.repeat(index % 20)}\n`;
    const started = performance.now();
    await analysis.analyze(edited);
    if (index >= WARM_UP) times.push(performance.now() - started);
  }
  return times;
}

function parseOnly(text: string): number[] {
  const times: number[] = [];
  for (let index = 0; index < KEYSTROKES + WARM_UP; index += 1) {
    const edited = `${text}# typing ${'x'.repeat(index % 20)}\n`;
    const started = performance.now();
    parse(edited);
    if (index >= WARM_UP) times.push(performance.now() - started);
  }
  return times;
}

async function main() {
  const schema = new SchemaValidator();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-bench-'));
  const app = path.join(scratch, 'sample-app');
  cpSync(sampleAppFolder(), app, { recursive: true });
  const analysis = new AppAnalysis(app, schema);
  const sample = readFileSync(path.join(app, 'manifest.yml'), 'utf8');
  await analysis.analyze(sample); // compiles the schema and scans the sources once

  console.log('\n# sample app manifest');
  printFigures('keystroke analysis', await keystrokes(analysis, sample), 'yaml parse only (baseline)', parseOnly(sample));
  const large = generatedManifest(200);
  console.log(`\n# generated manifest: 200 modules, ${Math.round(large.length / 1024)} KB`);
  printFigures('keystroke analysis', await keystrokes(analysis, large), 'yaml parse only (baseline)', parseOnly(large));
  analysis.close();

  const corpus = path.join(projectRoot(), '..', 'shared', 'corpus', 'manifests');
  if (existsSync(corpus)) {
    const largest = readdirSync(corpus).sort((a, b) => statSync(path.join(corpus, b)).size - statSync(path.join(corpus, a)).size)[0]!;
    const folder = path.join(scratch, 'corpus-app');
    mkdirSync(path.join(folder, 'src'), { recursive: true });
    writeFileSync(path.join(folder, 'manifest.yml'), readFileSync(path.join(corpus, largest)));
    cpSync(path.join(app, 'src'), path.join(folder, 'src'), { recursive: true });
    const started = performance.now();
    const cold = new AppAnalysis(folder, schema);
    const report = await cold.analyze(readFileSync(path.join(folder, 'manifest.yml'), 'utf8'));
    console.log(
      `\n# full scan and analysis of the largest corpus manifest (${largest}): ${(performance.now() - started).toFixed(1)} ms, ${report.diagnostics.length} diagnostics, ${report.filesScanned} source files`,
    );
    cold.close();
  }
  schema.close();
}

void main();

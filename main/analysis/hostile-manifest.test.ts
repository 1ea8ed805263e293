import { afterAll, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../manifest';
import { sampleAppCopy } from '../testing';
import { AppAnalysis } from './app-analysis';

const schema = new SchemaValidator();
afterAll(() => schema.close());

// The whole pipeline (parse, schema worker, checks, code comparison) on input built to hurt it.
describe('analysing hostile manifests end to end', () => {
  it('answers each with diagnostics and stays usable afterwards', async () => {
    const analysis = new AppAnalysis(sampleAppCopy(), schema);
    const deepBlock = Array.from({ length: 10_000 }, (_, depth) => `${' '.repeat(depth)}k${depth}:`).join('\n');
    const deepFlow = 'app: ' + '['.repeat(10_000) + ']'.repeat(10_000);
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `b${i}: &b${i} [${Array(10)
            .fill(i === 0 ? '*a' : `*b${i - 1}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    for (const text of [deepBlock, deepFlow, bomb, '\u0000\u0001binary', 'x'.repeat(5 * 1024 * 1024)]) {
      const report = await analysis.analyze(text);
      expect(report.diagnostics.length).toBeGreaterThan(0);
    }
    const after = await analysis.analyze('app:\n  id: ari:cloud:ecosystem::app/x\n  runtime:\n    name: nodejs22.x\n');
    expect(after.diagnostics.some((diagnostic) => diagnostic.code === 'manifest-too-large')).toBe(false);
    analysis.close();
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { parseManifest } from './parsed-manifest';

// Each case must come back with a clear diagnostic; the test timeout bounds the time it may take.
describe('hostile manifest input', () => {
  it('refuses a YAML alias bomb instead of expanding it', () => {
    const levels = Array.from({ length: 9 }, (_, level) => `l${level + 1}: &l${level + 1} [${Array(9).fill(`*l${level}`).join(', ')}]`);
    const text = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...levels, 'app: *l9'].join('\n');
    const parsed = parseManifest(text);
    expect(parsed.problems.map((problem) => problem.code)).toContain('yaml-alias-limit');
    expect(parsed.value).toBeNull();
  });

  it('reports a 5 MB manifest as too large without parsing all of it', () => {
    const text = 'app:\n  id: x\nmodules:\n' + '  # filler line for a very large manifest\n'.repeat(130_000);
    const parsed = parseManifest(text);
    expect(text.length).toBeGreaterThan(5_000_000);
    expect(parsed.problems[0]).toMatchObject({ code: 'manifest-too-large', line: 1 });
    expect(parsed.problems[0]!.message).toContain('the platform accepts at most 200 KB');
  });

  it('says binary garbage is not a text file', () => {
    const garbage = Array.from({ length: 4096 }, (_, index) => String.fromCharCode((index * 7919) % 256)).join('');
    expect(parseManifest(garbage).problems[0]!.code).toBe('manifest-not-text');
  });

  it('answers 10,000 nested levels with a diagnostic, not a crash', () => {
    const flow = parseManifest('app: ' + '['.repeat(10_000) + ']'.repeat(10_000));
    expect(flow.problems.length).toBeGreaterThan(0);
    const block = parseManifest(Array.from({ length: 10_000 }, (_, depth) => `${' '.repeat(depth)}k${depth}:`).join('\n'));
    expect(block.problems.length + (block.value === null ? 0 : 1)).toBeGreaterThan(0);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionHandlers, handlerTargetAt } from './handlerTargets';

const sample = readFileSync(path.join(__dirname, '..', '..', '..', 'resources', 'sample-app', 'manifest.yml'), 'utf8').split('\n');
const lineOf = (text: string) => sample.findIndex((line) => line.includes(text)) + 1;

describe('where handler: and function: lead', () => {
  it("a function module's key leads to its own handler, for every function of the sample app", () => {
    const handlers = functionHandlers(sample);
    expect(handlers.get('resolver')).toBe('index.handler');
    expect(handlers.get('check-releases')).toBe('index.checkReleases');
    expect(handlers.get('add-to-radar')).toBe('index.addToRadar');
    // Keys of modules that are not functions have no handler.
    expect(handlers.has('issue-radar-panel')).toBe(false);
  });

  it('the value of handler: is the handler; the cursor must be on the value', () => {
    const line = lineOf('handler: index.checkReleases');
    const column = sample[line - 1]!.indexOf('index.checkReleases') + 1;
    expect(handlerTargetAt(sample, line, column + 3)).toEqual({ handler: 'index.checkReleases', line, startColumn: column, endColumn: column + 'index.checkReleases'.length });
    expect(handlerTargetAt(sample, line, 3)).toBeNull();
  });

  it("the value of function: (a trigger's, a resolver's) leads through the function module to its handler", () => {
    const trigger = lineOf('function: check-releases');
    expect(handlerTargetAt(sample, trigger, sample[trigger - 1]!.indexOf('check-releases') + 2)?.handler).toBe('index.checkReleases');
    const resolver = lineOf('function: resolver');
    expect(handlerTargetAt(sample, resolver, sample[resolver - 1]!.indexOf('resolver') + 1)?.handler).toBe('index.handler');
  });

  it('a function: key that no function module defines leads nowhere', () => {
    const lines = [...sample];
    const trigger = lineOf('function: check-releases');
    lines[trigger - 1] = lines[trigger - 1]!.replace('check-releases', 'no-such-function');
    expect(handlerTargetAt(lines, trigger, lines[trigger - 1]!.indexOf('no-such') + 1)).toBeNull();
  });
});

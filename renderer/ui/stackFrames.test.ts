import { describe, expect, it } from 'vitest';
import { stackLines } from './stackFrames';

describe('the frames of an error text', () => {
  it('marks each frame that names an app file with its file and line, and leaves the rest as text', () => {
    const lines = stackLines('TypeError: too big\n    at explode (src/deep/helper.ts:12:5)\n    at node_modules/strict-parse/lib/parse.js:2:26\n    at Array.map (<anonymous>)');
    expect(lines.map((line) => line.place)).toEqual([null, { file: 'src/deep/helper.ts', line: 12 }, { file: 'node_modules/strict-parse/lib/parse.js', line: 2 }, null]);
    const frame = lines[1]!;
    expect(frame.place && [frame.before, frame.where, frame.after]).toEqual(['    at explode (', 'src/deep/helper.ts:12:5', ')']);
  });

  it('offers no file outside the app: absolute paths, climbing paths and Node’s own are text', () => {
    const text = [
      '    at x (/home/dev/app/src/index.ts:1:1)',
      '    at x (../secret.ts:1:1)',
      '    at x (src/../../secret.ts:1:1)',
      '    at x (node:internal/process.js:1:1)',
      'Error at src/index.ts:3:4 in a message',
    ].join('\n');
    expect(stackLines(text).every((line) => line.place === null)).toBe(true);
  });
});

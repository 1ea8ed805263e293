import path from 'node:path';
import { format } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { InProcessRunner, writeAppBundles } from './runner-child-harness';

// console.log in the sandbox must print what Node prints, since that is what the platform's logs
// show. Each case is the source of an argument list; the sandbox logs it with console.log, and the
// expected line is Node's own util.format of the same list, built here in the test process.
const STACK = "'Error: boom\\n    at run (app.js:1:1)\\n    at main (app.js:2:2)'";
const CASES: string[] = [
  "['a', { b: 1 }]",
  "['%s %d %i %f', 'x', 42.5, 42.9, '3.5abc']",
  "['%d %i %f', '42abc', Symbol('s'), 7n]",
  "['%o', { a: [1, 2], s: 'x' }]",
  "['%O', { a: { b: { c: { d: 1 } } } }]",
  "['%j and %j', { a: 1, u: undefined }, (() => { const o = {}; o.o = o; return o; })()]",
  "['%c styled', 'color: red']",
  "['100%% sure %s', 'yes', 'extra', 3]",
  "['%s:%s', 'only one']",
  "['%s', { toString() { return 'custom'; } }]",
  "['%s %s', new Date(0), [1, [2, [3]]]]",
  "['%s', null, undefined, 5n, Symbol('s'), -0]",
  '[undefined, null, true, 1.5, -0, 12n]',
  '[{ a: { b: { c: { d: { e: 1 } } } } }]',
  '[[1, [2, [3, [4, [5]]]]]]',
  "[(() => { const o = { name: 'loop', list: [] }; o.self = o; o.list.push(o); return o; })()]",
  "[new Map([['a', 1], [{ k: 1 }, [1, 2]]]), new Map(), new Set(), new Set([1, 'two', { three: 3 }])]",
  '[Array.from({ length: 120 }, (_, i) => i * 7)]',
  '[Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat((i % 5) + 1))]',
  '[[1, , 3, , , 6], new Array(5), Object.assign([1, 2], { extra: true })]',
  '[Object.assign(Object.create(null), { a: 1 }), Object.create(null)]',
  "[new (class Issue { constructor() { this.key = 'A-1'; this.fields = { summary: 'x' }; } })(), new (class Empty {})()]",
  '[function named() {}, () => {}, async function af() {}, function* gen() {}, async () => {}]',
  '[class A {}, class B extends Array {}, class {}, Object.assign(function f() {}, { x: 1 })]',
  "[[\"it's\", 'say \"hi\"', \"both ' and \\\" and `\", 'tab\\there\\nnewline', '\\u0001\\u007f\\u009f', 'emoji \\ud83d\\ude00 lone \\ud83d', 'back\\\\slash']]",
  "[{ text: 'x'.repeat(100) + '\\nline two', short: 'ok' }]",
  '[[-0, 0, NaN, Infinity, -Infinity, 1e21, 0.1, 123n, -5n]]',
  "[{ [Symbol('k')]: Symbol('v'), 'needs-quote': 1, valid_id: 2, '': 3, 0: 4, ['__proto__']: 5 }]",
  '[{ get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} }]',
  `[(() => { const e = new Error('boom'); e.stack = ${STACK}; e.code = 'E_BOOM'; return e; })()]`,
  "[(() => { const e = new TypeError('bad'); e.stack = 'TypeError: bad'; return e; })()]",
  `[{ nested: { error: (() => { const e = new Error('boom'); e.stack = ${STACK}; return e; })() } }]`,
  `[(() => { const cause = new Error('root'); cause.stack = 'Error: root\\n    at a (x.js:1:1)\\n    at b (x.js:2:1)\\n    at c (x.js:3:1)\\n    at d (x.js:4:1)\\n    at e (x.js:5:1)'; const e = new Error('outer', { cause }); e.stack = 'Error: outer\\n    at z (x.js:9:1)\\n    at b (x.js:2:1)\\n    at c (x.js:3:1)\\n    at d (x.js:4:1)\\n    at e (x.js:5:1)'; return e; })()]`,
  `[(() => { class ValidationError extends Error {} const e = new ValidationError('nope'); e.stack = 'Error: nope\\n    at v (v.js:1:1)'; return e; })()]`,
  '[new Date(0), new Date(NaN), { when: new Date(86400000) }]',
  '[/ab+c/gi, Object.assign(/x/, { extra: 1 })]',
  "[new Number(3), new String('str'), new Boolean(false), Object(1n), Object(Symbol('b')), new Number(-0)]",
  '[new Uint8Array([1, 2, 3]), new Float64Array(2), new BigInt64Array(1), new ArrayBuffer(3), new Uint8Array(0)]',
  "[{ [Symbol.for('nodejs.util.inspect.custom')]() { return 'CUSTOM'; } }, { inner: { [Symbol.for('nodejs.util.inspect.custom')](depth) { return { depth }; } } }]",
  "[{ alpha: 'aaaaaaaaaaaaaaaa', beta: 'bbbbbbbbbbbbbbbbbbb', gamma: 'ccccccccccccccccccc', delta: [1, 2, 3], epsilon: { z: 1 } }]",
  '[{ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: [1, 2, 3, 4, 5, 6, 7, 8] }]',
  '[new WeakMap(), new WeakSet()]',
  "[{ [Symbol.toStringTag]: 'Tagged', a: 1 }, new (class Foo { get [Symbol.toStringTag]() { return 'Bar'; } })()]",
  '[[{ a: 1, b: { c: [{ d: 1 }] } }], [[[[]]]], [{}], {}]',
  '[Array.from({ length: 30 }, (_, i) => ({ id: i }))]',
  "[{ issues: [{ key: 'DEMO-1', fields: { summary: 'First', status: { name: 'To Do' } } }, { key: 'DEMO-2', fields: { summary: 'Second' } }], total: 2 }]",
  "['issue %s has %d comments', 'DEMO-1', 3, { by: ['ada', 'grace'] }]",
];

const source =
  `exports.cases = () => {\n  const cases = [\n${CASES.map((text) => `    () => ${text},`).join('\n')}\n  ];\n  for (const make of cases) console.log(...make());\n};\n` +
  `exports.assertions = () => { console.assert(false, '%s failed', 'check'); console.assert(false, { n: 1 }); console.assert(false); console.assert(true, 'never'); console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 }); };\n`;

describe('console lines in the sandbox', () => {
  let runner: InProcessRunner;
  let bundle: string;
  beforeAll(() => {
    runner = new InProcessRunner();
    bundle = path.join(writeAppBundles({ 'index.js': source }), 'index.js');
  });

  it(`print exactly what Node's util.format prints, for ${CASES.length} tricky argument lists`, async () => {
    const record = await runner.invoke(bundle, 'cases');
    expect(record.logs.map((line) => line.level)).toEqual(CASES.map(() => 'log'));
    const expected = CASES.map((text) => format(...(new Function(`return ${text};`)() as unknown[])));
    const mismatches = CASES.flatMap((text, index) => (record.logs[index]?.message === expected[index] ? [] : [{ args: text, node: expected[index], sandbox: record.logs[index]?.message }]));
    expect(mismatches).toEqual([]);
  });

  it('write console.assert as Node does (a warning, the text before the first argument) and console.dir with its options', async () => {
    const record = await runner.invoke(bundle, 'assertions');
    expect(record.logs.map(({ level, message }) => `${level}: ${message}`)).toEqual([
      `warn: ${format('Assertion failed: %s failed', 'check')}`,
      `warn: ${format('Assertion failed: [object Object]')}`,
      'warn: Assertion failed',
      'log: { a: [Object] }',
    ]);
  });
});

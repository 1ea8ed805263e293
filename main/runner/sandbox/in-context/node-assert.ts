/**
 * In-context piece: `assert` (and `assert/strict`) and the deep equality `util.isDeepStrictEqual`
 * shares: the common assertions with Node's messages and AssertionError shape. Runs as text inside
 * the context: see kernel.ts.
 */
import type { Kernel } from './kernel';

type Operand = Record<PropertyKey, unknown>;
type Thrower = () => unknown;
type Awaitable = Thrower | PromiseLike<unknown>;

interface AssertionErrorOptions {
  message?: unknown;
  actual?: unknown;
  expected?: unknown;
  operator?: string;
}

/** `assert` (and its `strict`): a function with the assertions as its members. */
export type AssertModule = ((value: unknown, message?: unknown) => void) & { strict: AssertModule; [member: string]: unknown };

declare module './kernel' {
  interface Kernel {
    /** The `assert` module, built on first require. */
    loadAssert(): AssertModule;
    /** Node's deep equality (strict: as deepStrictEqual, else as deepEqual). */
    deepEqual(a: unknown, b: unknown, strict: boolean): boolean;
  }
}

/** Shares k.loadAssert and k.deepEqual(a, b, strict). */
export function installAssert(k: Kernel): void {
  function deepEqual(a: unknown, b: unknown, strict: boolean, seen: Map<unknown, unknown> | null): boolean {
    if (strict ? Object.is(a, b) : a == b || (a !== a && b !== b)) return true;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const tag = Object.prototype.toString.call(a);
    if (tag !== Object.prototype.toString.call(b)) return false;
    if (a instanceof Date) return a.getTime() === (b as Date).getTime();
    if (a instanceof RegExp) return String(a) === String(b);
    if (a instanceof Error && (a.message !== (b as Error).message || a.name !== (b as Error).name)) return false;
    if (ArrayBuffer.isView(a)) {
      const other = b as ArrayBufferView;
      if (a.byteLength !== other.byteLength) return false;
      const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      const y = new Uint8Array(other.buffer, other.byteOffset, other.byteLength);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      return true;
    }
    const pairs = seen || new Map<unknown, unknown>();
    if (pairs.get(a) === b) return true;
    pairs.set(a, b);
    if (a instanceof Map) {
      const other = b as Map<unknown, unknown>;
      if (a.size !== other.size) return false;
      for (const [key, value] of a) if (!other.has(key) || !deepEqual(value, other.get(key), strict, pairs)) return false;
      return true;
    }
    if (a instanceof Set) {
      const other = b as Set<unknown>;
      if (a.size !== other.size) return false;
      for (const value of a) if (!other.has(value)) return false;
      return true;
    }
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    for (const key of keysA) {
      if (!Object.prototype.hasOwnProperty.call(b, key) || !deepEqual((a as Operand)[key], (b as Operand)[key], strict, pairs)) return false;
    }
    return true;
  }
  k.deepEqual = (a, b, strict) => deepEqual(a, b, strict, null);

  let assert: AssertModule | null = null;
  k.loadAssert = function () {
    if (assert !== null) return assert;
    class AssertionError extends Error {
      declare code: string;
      declare actual: unknown;
      declare expected: unknown;
      declare operator: string | undefined;
      declare generatedMessage: boolean;
      constructor(options?: AssertionErrorOptions) {
        const o = options || {};
        super(o.message !== undefined ? String(o.message) : k.inspect(o.actual) + ' ' + (o.operator || '==') + ' ' + k.inspect(o.expected));
        this.name = 'AssertionError';
        this.code = 'ERR_ASSERTION';
        this.actual = o.actual;
        this.expected = o.expected;
        this.operator = o.operator;
        this.generatedMessage = o.message === undefined;
      }
    }
    function fail(actual: unknown, expected: unknown, message: unknown, operator: string): never {
      if (message instanceof Error) throw message;
      throw new AssertionError({ actual, expected, message, operator });
    }
    function ok(value: unknown, message?: unknown): void {
      if (!value) fail(value, true, message === undefined ? 'The expression evaluated to a falsy value:\n\n  assert.ok(' + k.inspect(value) + ')\n' : message, '==');
    }
    function matchesExpected(error: unknown, expected: unknown): boolean {
      if (expected === undefined) return true;
      if (typeof expected === 'function') {
        if (expected.prototype !== undefined && error instanceof expected) return true;
        if (Object.prototype.isPrototypeOf.call(Error, expected) || expected === Error) return false;
        return expected.call({}, error) === true;
      }
      if (expected instanceof RegExp) return expected.test(String(error));
      if (expected !== null && typeof expected === 'object') {
        const wanted = expected as Operand;
        const actual = error as Operand;
        return Object.keys(wanted).every((key) => {
          const want = wanted[key];
          return want instanceof RegExp && typeof actual[key] === 'string' ? want.test(actual[key]) : deepEqual(actual[key], want, true, null);
        });
      }
      return true;
    }
    function throwsCheck(thrown: boolean, error: unknown, expected: unknown, message: unknown): void {
      if (!thrown) fail(undefined, expected, typeof expected === 'string' ? expected : message !== undefined ? message : 'Missing expected exception.', 'throws');
      if (typeof expected !== 'string' && !matchesExpected(error, expected)) throw error;
    }
    function messageOf(e: unknown): unknown {
      return e && (e as { message?: unknown }).message;
    }
    function strictAssert(value: unknown, message?: unknown): void {
      ok(value, message);
    }
    const methods = {
      AssertionError,
      fail: (message?: unknown) => fail(undefined, undefined, message === undefined ? 'Failed' : message, 'fail'),
      ok,
      equal: (a: unknown, b: unknown, message?: unknown) => {
        if (!(a == b || (a !== a && b !== b))) fail(a, b, message, '==');
      },
      notEqual: (a: unknown, b: unknown, message?: unknown) => {
        if (a == b || (a !== a && b !== b)) fail(a, b, message, '!=');
      },
      strictEqual: (a: unknown, b: unknown, message?: unknown) => {
        if (!Object.is(a, b)) fail(a, b, message, 'strictEqual');
      },
      notStrictEqual: (a: unknown, b: unknown, message?: unknown) => {
        if (Object.is(a, b)) fail(a, b, message, 'notStrictEqual');
      },
      deepEqual: (a: unknown, b: unknown, message?: unknown) => {
        if (!deepEqual(a, b, false, null)) fail(a, b, message, 'deepEqual');
      },
      notDeepEqual: (a: unknown, b: unknown, message?: unknown) => {
        if (deepEqual(a, b, false, null)) fail(a, b, message, 'notDeepEqual');
      },
      deepStrictEqual: (a: unknown, b: unknown, message?: unknown) => {
        if (!deepEqual(a, b, true, null)) fail(a, b, message, 'deepStrictEqual');
      },
      notDeepStrictEqual: (a: unknown, b: unknown, message?: unknown) => {
        if (deepEqual(a, b, true, null)) fail(a, b, message, 'notDeepStrictEqual');
      },
      match: (s: string, re: RegExp, message?: unknown) => {
        if (!re.test(s)) fail(s, re, message, 'match');
      },
      doesNotMatch: (s: string, re: RegExp, message?: unknown) => {
        if (re.test(s)) fail(s, re, message, 'doesNotMatch');
      },
      ifError: (value: unknown) => {
        if (value !== null && value !== undefined) throw value;
      },
      throws(fn: Thrower, expected?: unknown, message?: unknown) {
        let thrown = false;
        let error: unknown;
        try {
          fn();
        } catch (e) {
          thrown = true;
          error = e;
        }
        throwsCheck(thrown, error, expected, message);
      },
      doesNotThrow(fn: Thrower, message?: unknown) {
        try {
          fn();
        } catch (e) {
          fail(e, undefined, typeof message === 'string' ? message : 'Got unwanted exception.\nActual message: "' + messageOf(e) + '"', 'doesNotThrow');
        }
      },
      async rejects(promiseOrFn: Awaitable, expected?: unknown, message?: unknown) {
        let thrown = false;
        let error: unknown;
        try {
          await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
        } catch (e) {
          thrown = true;
          error = e;
        }
        throwsCheck(thrown, error, expected, message);
      },
      async doesNotReject(promiseOrFn: Awaitable, message?: unknown) {
        try {
          await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
        } catch (e) {
          fail(e, undefined, typeof message === 'string' ? message : 'Got unwanted rejection.', 'doesNotReject');
        }
      },
    };
    const strict = Object.assign(strictAssert, methods, {
      equal: methods.strictEqual,
      notEqual: methods.notStrictEqual,
      deepEqual: methods.deepStrictEqual,
      notDeepEqual: methods.notDeepStrictEqual,
    }) as unknown as AssertModule;
    strict.strict = strict;
    function looseAssert(value: unknown, message?: unknown): void {
      ok(value, message);
    }
    Object.assign(looseAssert, methods, { strict });
    assert = looseAssert as unknown as AssertModule;
    return assert;
  };
}

/**
 * In-context source: `assert` (and `assert/strict`) and the deep equality `util.isDeepStrictEqual`
 * shares: the common assertions with Node's messages and AssertionError shape.
 */

/** Shares k.loadAssert and k.deepEqual(a, b, strict). */
export const ASSERT_SOURCE = String.raw`function installAssert(k) {
  function deepEqual(a, b, strict, seen) {
    if (strict ? Object.is(a, b) : (a == b || (a !== a && b !== b))) return true;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const tag = Object.prototype.toString.call(a);
    if (tag !== Object.prototype.toString.call(b)) return false;
    if (a instanceof Date) return a.getTime() === b.getTime();
    if (a instanceof RegExp) return String(a) === String(b);
    if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
    if (ArrayBuffer.isView(a)) {
      if (a.byteLength !== b.byteLength) return false;
      const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      return true;
    }
    const pairs = seen || new Map();
    if (pairs.get(a) === b) return true;
    pairs.set(a, b);
    if (a instanceof Map) {
      if (a.size !== b.size) return false;
      for (const [key, value] of a) if (!b.has(key) || !deepEqual(value, b.get(key), strict, pairs)) return false;
      return true;
    }
    if (a instanceof Set) {
      if (a.size !== b.size) return false;
      for (const value of a) if (!b.has(value)) return false;
      return true;
    }
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    for (const key of keysA) {
      if (!Object.prototype.hasOwnProperty.call(b, key) || !deepEqual(a[key], b[key], strict, pairs)) return false;
    }
    return true;
  }
  k.deepEqual = (a, b, strict) => deepEqual(a, b, strict, null);

  let assert = null;
  k.loadAssert = function () {
    if (assert !== null) return assert;
    class AssertionError extends Error {
      constructor(options) {
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
    function fail(actual, expected, message, operator) {
      if (message instanceof Error) throw message;
      throw new AssertionError({ actual, expected, message, operator });
    }
    function ok(value, message) {
      if (!value) fail(value, true, message === undefined ? 'The expression evaluated to a falsy value:\n\n  assert.ok(' + k.inspect(value) + ')\n' : message, '==');
    }
    function matchesExpected(error, expected) {
      if (expected === undefined) return true;
      if (typeof expected === 'function') {
        if (expected.prototype !== undefined && error instanceof expected) return true;
        if (Error.isPrototypeOf(expected) || expected === Error) return false;
        return expected.call({}, error) === true;
      }
      if (expected instanceof RegExp) return expected.test(String(error));
      if (expected !== null && typeof expected === 'object') {
        return Object.keys(expected).every((key) => (expected[key] instanceof RegExp && typeof error[key] === 'string' ? expected[key].test(error[key]) : deepEqual(error[key], expected[key], true, null)));
      }
      return true;
    }
    function throwsCheck(thrown, error, expected, message) {
      if (!thrown) fail(undefined, expected, typeof expected === 'string' ? expected : message !== undefined ? message : 'Missing expected exception.', 'throws');
      if (typeof expected !== 'string' && !matchesExpected(error, expected)) throw error;
    }
    function strictAssert(value, message) { ok(value, message); }
    const methods = {
      AssertionError,
      fail: (message) => fail(undefined, undefined, message === undefined ? 'Failed' : message, 'fail'),
      ok,
      equal: (a, b, message) => { if (!(a == b || (a !== a && b !== b))) fail(a, b, message, '=='); },
      notEqual: (a, b, message) => { if (a == b || (a !== a && b !== b)) fail(a, b, message, '!='); },
      strictEqual: (a, b, message) => { if (!Object.is(a, b)) fail(a, b, message, 'strictEqual'); },
      notStrictEqual: (a, b, message) => { if (Object.is(a, b)) fail(a, b, message, 'notStrictEqual'); },
      deepEqual: (a, b, message) => { if (!deepEqual(a, b, false, null)) fail(a, b, message, 'deepEqual'); },
      notDeepEqual: (a, b, message) => { if (deepEqual(a, b, false, null)) fail(a, b, message, 'notDeepEqual'); },
      deepStrictEqual: (a, b, message) => { if (!deepEqual(a, b, true, null)) fail(a, b, message, 'deepStrictEqual'); },
      notDeepStrictEqual: (a, b, message) => { if (deepEqual(a, b, true, null)) fail(a, b, message, 'notDeepStrictEqual'); },
      match: (s, re, message) => { if (!re.test(s)) fail(s, re, message, 'match'); },
      doesNotMatch: (s, re, message) => { if (re.test(s)) fail(s, re, message, 'doesNotMatch'); },
      ifError: (value) => { if (value !== null && value !== undefined) throw value; },
      throws(fn, expected, message) {
        let thrown = false;
        let error;
        try { fn(); } catch (e) { thrown = true; error = e; }
        throwsCheck(thrown, error, expected, message);
      },
      doesNotThrow(fn, message) { try { fn(); } catch (e) { fail(e, undefined, typeof message === 'string' ? message : 'Got unwanted exception.\nActual message: "' + (e && e.message) + '"', 'doesNotThrow'); } },
      async rejects(promiseOrFn, expected, message) {
        let thrown = false;
        let error;
        try { await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn); } catch (e) { thrown = true; error = e; }
        throwsCheck(thrown, error, expected, message);
      },
      async doesNotReject(promiseOrFn, message) {
        try { await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn); } catch (e) { fail(e, undefined, typeof message === 'string' ? message : 'Got unwanted rejection.', 'doesNotReject'); }
      },
    };
    Object.assign(strictAssert, methods, { equal: methods.strictEqual, notEqual: methods.notStrictEqual, deepEqual: methods.deepStrictEqual, notDeepEqual: methods.notDeepStrictEqual });
    strictAssert.strict = strictAssert;
    function looseAssert(value, message) { ok(value, message); }
    Object.assign(looseAssert, methods, { strict: strictAssert });
    assert = looseAssert;
    return assert;
  };
}`;

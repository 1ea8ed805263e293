/**
 * How Anvil learns the resolver keys a function defines: it runs the function's own bundle in the
 * runner (the same sandbox, time and memory limit as an invocation) and asks its resolver which keys
 * it has. Keys registered in a loop, from an imported object or with `makeResolver` are only known
 * once the code has run, so reading them from the source is not enough.
 *
 * @forge/resolver (1.5 and 2.x alike) keeps its definitions in a plain object and looks a key up with
 * `key in definitions` and `definitions[key]`. For the length of one call, the learning code puts a
 * getter under a one-off key on the context's `Object.prototype` and calls the exported function with
 * that key: the lookup reaches the getter with `this` being the definitions object, whose own keys are
 * the resolver's keys. This follows wrappers around `getDefinitions()` to the resolver that actually
 * answers, and needs no copy of @forge/resolver of Anvil's own.
 */

import { anything, passes, recordOf } from '../contract';

/** The export of the learning bundle that the runner calls. */
export const LEARN_EXPORT = '__anvilLearnResolverKeys';
/** Keys @forge/resolver defines for itself (1.5.x: the bridge's product-request relay), not the app's. */
const PACKAGE_KEYS: readonly string[] = ['__request'];
/** More keys than any resolver has; a hostile bundle must not make the host hold an endless list. */
export const MAX_LEARNED_KEYS = 1_000;
/** Longer keys are not offered (no frontend invokes them). */
export const MAX_KEY_LENGTH = 200;

/**
 * The learning bundle: the function's bundle text as an inner CommonJS module, and an export that
 * loads it and reads its resolver. `probeKey` is fresh for every bundle, so app code cannot wait for it.
 */
export function learningBundleText(bundleText: string, exportName: string, probeKey: string): string {
  const body = bundleText.replace(/^#!.*/, '');
  return `var __anvilApp = { exports: {} };
(function (exports, require, module, __filename, __dirname) {
${body}
})(__anvilApp.exports, require, __anvilApp, __filename, __dirname);
module.exports[${JSON.stringify(LEARN_EXPORT)}] = function () {
  var exported = __anvilApp.exports;
  var handler = exported === null || exported === undefined ? undefined : exported[${JSON.stringify(exportName)}];
  if (typeof handler !== 'function') {
    var names = exported !== null && (typeof exported === 'object' || typeof exported === 'function') ? Object.keys(exported) : [];
    return { kind: 'no-export', exports: names };
  }
  var probe = ${JSON.stringify(probeKey)};
  var proto = Object.prototype;
  var table = null;
  Object.defineProperty(proto, probe, {
    configurable: true,
    enumerable: false,
    get: function () {
      if (table === null && this !== proto) table = this;
      return function () { return null; };
    },
  });
  function read() {
    delete proto[probe];
    if (table === null) return { kind: 'not-a-resolver' };
    var keys = [];
    var own = Object.keys(table);
    for (var i = 0; i < own.length; i++) if (typeof table[own[i]] === 'function') keys.push(own[i]);
    return { kind: 'resolver', keys: keys };
  }
  var pending;
  try {
    pending = handler({ call: { functionKey: probe, payload: {} }, context: {} }, {});
  } catch (error) {
    if (table !== null) return read();
    delete proto[probe];
    throw error;
  }
  // @forge/resolver looks the key up before its first await: no need to wait for the call to end.
  if (table !== null) {
    if (pending !== null && typeof pending === 'object' && typeof pending.then === 'function') pending.then(undefined, function () {});
    return read();
  }
  return Promise.resolve(pending).then(read, function (error) {
    if (table !== null) return read();
    delete proto[probe];
    throw error;
  });
};
`;
}

/** What learning found for one function. */
export type LearnedResolver =
  | { kind: 'resolver'; keys: string[] }
  /** The function does not dispatch through a resolver Anvil can read (not @forge/resolver, or not a resolver at all). */
  | { kind: 'not-a-resolver' }
  /** The bundle has no export of that name. */
  | { kind: 'no-export'; exports: string[] }
  /** The bundle did not load or the learning call failed (its error, as the invocation reported it). */
  | { kind: 'failed'; problem: string };

/** The learning call's result, read as untrusted input: anything unexpected is a failure, never a key. */
export function parseLearned(result: unknown): LearnedResolver {
  if (!passes(result, recordOf(anything))) return { kind: 'failed', problem: 'the resolver answered something Anvil does not understand' };
  const record = result;
  if (record.kind === 'not-a-resolver') return { kind: 'not-a-resolver' };
  if (record.kind === 'no-export') return { kind: 'no-export', exports: textList(record.exports) };
  if (record.kind === 'resolver' && Array.isArray(record.keys)) {
    const keys = textList(record.keys).filter((key) => key.length > 0 && key.length <= MAX_KEY_LENGTH && !PACKAGE_KEYS.includes(key));
    return { kind: 'resolver', keys: [...new Set(keys)] };
  }
  return { kind: 'failed', problem: 'the resolver answered something Anvil does not understand' };
}

function textList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.slice(0, MAX_LEARNED_KEYS).filter((item): item is string => typeof item === 'string');
}

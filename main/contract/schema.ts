/**
 * A small runtime validator for contract requests. Requests are tiny, flat JSON objects, so a
 * few combinators give exact checks and exact messages without a schema library.
 */

/**
 * Checks a value; returns an error message naming the path, or null when the value fits. `T` is the
 * type a value that passes has: `Infer` reads it, so the contract's request types can be compared with
 * their checks at compile time (see requests.ts).
 */
export interface Check<T = unknown> {
  (value: unknown, path: string): string | null;
  /** Type only; never set. */
  readonly passes?: T;
}

/** The type of the values a check lets through. */
export type Infer<C> = C extends Check<infer T> ? T : never;

export interface FieldSpec<T = unknown, Optional extends boolean = boolean> {
  check: Check<T>;
  optional?: Optional;
}

type FieldsOf<F extends Record<string, FieldSpec>> = {
  [K in keyof F as F[K] extends FieldSpec<unknown, true> ? never : K]: F[K] extends FieldSpec<infer T> ? T : never;
} & {
  [K in keyof F as F[K] extends FieldSpec<unknown, true> ? K : never]?: F[K] extends FieldSpec<infer T> ? T : never;
};
/** An intersection of mapped types shown, and compared, as one object type. */
type Flat<T> = { [K in keyof T]: T[K] } & {};

/** A string, optionally non-empty and bounded in length; `tooLong` says what to do about a longer one. */
export function string(opts: { nonEmpty?: boolean; maxLength?: number; tooLong?: string } = {}): Check<string> {
  return (value, path) => {
    if (typeof value !== 'string') return `${path} must be a string, got ${describe(value)}`;
    if (opts.nonEmpty && value.length === 0) return `${path} must not be empty`;
    if (opts.maxLength !== undefined && value.length > opts.maxLength) return `${path} is ${value.length} characters; the limit is ${opts.maxLength}: ${opts.tooLong ?? 'shorten it'}`;
    return null;
  };
}

/** A plain object with exactly these fields (extra fields are refused, so typos surface). */
export function object<F extends Record<string, FieldSpec>>(fields: F): Check<Flat<FieldsOf<F>>> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object, got ${describe(value)}`;
    const record = value as Record<string, unknown>;
    // Own properties only: `key in fields` would accept `constructor`, `toString` or `__proto__`
    // (inherited from Object.prototype), and a request would reach the core with fields nobody declared.
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(fields, key)) return `${path}.${key} is not a known field (expected: ${Object.keys(fields).join(', ') || 'none'})`;
    }
    for (const [key, spec] of Object.entries(fields)) {
      const fieldValue = Object.hasOwn(record, key) ? record[key] : undefined;
      if (fieldValue === undefined) {
        if (spec.optional) continue;
        return `${path}.${key} is required`;
      }
      const problem = spec.check(fieldValue, `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  };
}

/** No request at all: the call takes no argument. */
export const nothing: Check<undefined> = (value, path) => (value === undefined || value === null ? null : `${path} must be absent; this call takes no request`);

export function required<T>(check: Check<T>): FieldSpec<T, false> {
  return { check };
}

export function optional<T>(check: Check<T>): FieldSpec<T, true> {
  return { check, optional: true };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** One of several object shapes, told apart by a `kind` field (or the field `tag` names). */
export function tagged<V extends Record<string, Check>>(variants: V, tag = 'kind'): Check<Infer<V[keyof V]>> {
  return (value, path) => {
    const kind = value !== null && typeof value === 'object' && Object.hasOwn(value, tag) ? (value as Record<string, unknown>)[tag] : undefined;
    // Own variants only: a kind like "hasOwnProperty" must not pick a method of Object.prototype as its check.
    if (typeof kind !== 'string' || !Object.hasOwn(variants, kind)) return `${path}.${tag} must be one of: ${Object.keys(variants).join(', ')}`;
    return variants[kind]!(value, path);
  };
}

/** A fixed string, or a fixed true or false. */
export function literal<const L extends string | boolean>(expected: L): Check<L> {
  return (value, path) => (value === expected ? null : `${path} must be ${JSON.stringify(expected)}`);
}

/** A whole number within bounds. */
export function integer(min: number, max: number): Check<number> {
  return (value, path) => (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? null : `${path} must be a whole number from ${min} to ${max}`);
}

export const boolean: Check<boolean> = (value, path) => (typeof value === 'boolean' ? null : `${path} must be true or false`);

/** One of a fixed set of strings. */
export function oneOf<const V extends readonly string[]>(values: V): Check<V[number]> {
  return (value, path) => (typeof value === 'string' && values.includes(value) ? null : `${path} must be one of: ${values.join(', ')}`);
}

/** Any JSON value (already parsed from the wire), bounded in size when serialised. */
export function json(maxChars: number): Check<unknown> {
  return (value, path) => {
    const text = JSON.stringify(value);
    if (text === undefined) return `${path} must be JSON`;
    if (text.length > maxChars) return `${path} is ${text.length} characters of JSON; the limit is ${maxChars}: send a smaller value`;
    return prototypeKey(value, path);
  };
}

// Keys that change an object's prototype when code later copies or merges the value (Object.assign,
// a deep merge). JSON.parse keeps them as plain own keys, so they arrive intact from the wire.
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The first prototype-changing key anywhere in a parsed JSON value, named with its path. */
function prototypeKey(value: unknown, path: string): string | null {
  const pending: { value: unknown; path: string }[] = [{ value, path }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.value === null || typeof next.value !== 'object') continue;
    if (Array.isArray(next.value)) {
      next.value.forEach((item, index) => pending.push({ value: item, path: `${next.path}[${index}]` }));
      continue;
    }
    for (const key of Object.keys(next.value)) {
      if (PROTOTYPE_KEYS.has(key))
        return `${next.path}.${key} is refused: __proto__, constructor and prototype are not accepted as keys, because code that copies or merges the value could change an object's prototype; rename the key`;
      pending.push({ value: (next.value as Record<string, unknown>)[key], path: `${next.path}.${key}` });
    }
  }
  return null;
}

/** A list of strings, each one of `values` (e.g. log levels). */
export function stringList<const V extends readonly string[]>(values: V, maxItems = values.length): Check<V[number][]> {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} must be a list`;
    if (value.length > maxItems) return `${path} has ${value.length} items; at most ${maxItems}`;
    const bad = value.find((item) => typeof item !== 'string' || !values.includes(item));
    return bad === undefined ? null : `${path} may contain only: ${values.join(', ')} (got ${JSON.stringify(bad)})`;
  };
}

/** A list of at most `maxItems` values, each passing `item`; `tooMany` says what to do about a longer one. */
export function list<T>(item: Check<T>, maxItems: number, tooMany = 'send fewer'): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} must be a list, got ${describe(value)}`;
    if (value.length > maxItems) return `${path} has ${value.length} items; the limit is ${maxItems}: ${tooMany}`;
    for (let index = 0; index < value.length; index++) {
      const problem = item(value[index], `${path}[${index}]`);
      if (problem) return problem;
    }
    return null;
  };
}

/** A JSON object (not an array, not null), bounded in size when serialised. */
export function jsonObject(maxChars: number): Check<Record<string, unknown>> {
  const anyJson = json(maxChars);
  return (value, path) => (typeof value !== 'object' || value === null || Array.isArray(value) ? `${path} must be an object, got ${describe(value)}` : anyJson(value, path));
}

/** A value that passes `check`, or null. */
export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path));
}

/** Any value at all: for a field whose content the reader checks itself (a stored value, a payload). */
export const anything: Check<unknown> = () => null;

/** A finite number (not NaN or Infinity, which JSON cannot carry anyway). */
export const number: Check<number> = (value, path) => (typeof value === 'number' && Number.isFinite(value) ? null : `${path} must be a number, got ${describe(value)}`);

/**
 * A plain object with at least these fields, each of the declared type; any other field is let
 * through unchecked and left out of the type. For data Anvil reads but does not own (a package.json,
 * a request body a client library sends, a file another version of Anvil wrote), where an unknown
 * field is no mistake.
 */
export function fields<F extends Record<string, FieldSpec>>(spec: F): Check<Flat<FieldsOf<F>>> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object, got ${describe(value)}`;
    for (const [key, field] of Object.entries(spec)) {
      const fieldValue = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
      if (fieldValue === undefined) {
        if (field.optional) continue;
        return `${path}.${key} is required`;
      }
      const problem = field.check(fieldValue, `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  };
}

/** An object whose every own value passes `check` (headers, a table keyed by name). */
export function recordOf<T>(check: Check<T>): Check<Record<string, T>> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object, got ${describe(value)}`;
    for (const [key, item] of Object.entries(value)) {
      const problem = check(item, `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  };
}

/**
 * A small runtime validator for contract requests. Requests are tiny, flat JSON objects, so a
 * few combinators give exact checks and exact messages without a schema library.
 */

/** Checks a value; returns an error message naming the path, or null when the value fits. */
export type Check = (value: unknown, path: string) => string | null;

export interface FieldSpec {
  check: Check;
  optional?: boolean;
}

/** A string, optionally non-empty and bounded in length; `tooLong` says what to do about a longer one. */
export function string(opts: { nonEmpty?: boolean; maxLength?: number; tooLong?: string } = {}): Check {
  return (value, path) => {
    if (typeof value !== 'string') return `${path} must be a string, got ${describe(value)}`;
    if (opts.nonEmpty && value.length === 0) return `${path} must not be empty`;
    if (opts.maxLength !== undefined && value.length > opts.maxLength)
      return `${path} is ${value.length} characters; the limit is ${opts.maxLength}: ${opts.tooLong ?? 'shorten it'}`;
    return null;
  };
}

/** A plain object with exactly these fields (extra fields are refused, so typos surface). */
export function object(fields: Record<string, FieldSpec>): Check {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return `${path} must be an object, got ${describe(value)}`;
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
export const nothing: Check = (value, path) =>
  value === undefined || value === null ? null : `${path} must be absent; this call takes no request`;

export function required(check: Check): FieldSpec {
  return { check };
}

export function optional(check: Check): FieldSpec {
  return { check, optional: true };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

/** One of several object shapes, told apart by a `kind` field. */
export function tagged(variants: Record<string, Check>): Check {
  return (value, path) => {
    const kind = value !== null && typeof value === 'object' && Object.hasOwn(value, 'kind') ? (value as { kind?: unknown }).kind : undefined;
    // Own variants only: a kind like "hasOwnProperty" must not pick a method of Object.prototype as its check.
    if (typeof kind !== 'string' || !Object.hasOwn(variants, kind)) return `${path}.kind must be one of: ${Object.keys(variants).join(', ')}`;
    return variants[kind]!(value, path);
  };
}

/** A fixed string. */
export function literal(expected: string): Check {
  return (value, path) => (value === expected ? null : `${path} must be "${expected}"`);
}

/** A whole number within bounds. */
export function integer(min: number, max: number): Check {
  return (value, path) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? null : `${path} must be a whole number from ${min} to ${max}`;
}

export const boolean: Check = (value, path) => (typeof value === 'boolean' ? null : `${path} must be true or false`);

/** One of a fixed set of strings. */
export function oneOf(values: readonly string[]): Check {
  return (value, path) => (typeof value === 'string' && values.includes(value) ? null : `${path} must be one of: ${values.join(', ')}`);
}

/** Any JSON value (already parsed from the wire), bounded in size when serialised. */
export function json(maxChars: number): Check {
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
      if (PROTOTYPE_KEYS.has(key)) return `${next.path}.${key} is refused: __proto__, constructor and prototype are not accepted as keys, because code that copies or merges the value could change an object's prototype; rename the key`;
      pending.push({ value: (next.value as Record<string, unknown>)[key], path: `${next.path}.${key}` });
    }
  }
  return null;
}

/** A list of strings, each one of `values` (e.g. log levels). */
export function stringList(values: readonly string[], maxItems = values.length): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} must be a list`;
    if (value.length > maxItems) return `${path} has ${value.length} items; at most ${maxItems}`;
    const bad = value.find((item) => typeof item !== 'string' || !values.includes(item));
    return bad === undefined ? null : `${path} may contain only: ${values.join(', ')} (got ${JSON.stringify(bad)})`;
  };
}

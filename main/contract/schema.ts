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

/** A string, optionally non-empty and bounded in length. */
export function string(opts: { nonEmpty?: boolean; maxLength?: number } = {}): Check {
  return (value, path) => {
    if (typeof value !== 'string') return `${path} must be a string, got ${describe(value)}`;
    if (opts.nonEmpty && value.length === 0) return `${path} must not be empty`;
    if (opts.maxLength !== undefined && value.length > opts.maxLength)
      return `${path} is ${value.length} characters; the limit is ${opts.maxLength}`;
    return null;
  };
}

/** A plain object with exactly these fields (extra fields are refused, so typos surface). */
export function object(fields: Record<string, FieldSpec>): Check {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return `${path} must be an object, got ${describe(value)}`;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(key in fields)) return `${path}.${key} is not a known field (expected: ${Object.keys(fields).join(', ') || 'none'})`;
    }
    for (const [key, spec] of Object.entries(fields)) {
      const fieldValue = record[key];
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
    const kind = value !== null && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
    if (typeof kind !== 'string' || !(kind in variants)) return `${path}.kind must be one of: ${Object.keys(variants).join(', ')}`;
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
    return text.length > maxChars ? `${path} is ${text.length} characters of JSON; the limit is ${maxChars}` : null;
  };
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

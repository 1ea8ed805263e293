import { types } from 'node:util';

/** The error part of a failed `done` message. */
export interface ThrownError {
  name: string;
  message: string;
  stack: string | null;
}

/**
 * Describes anything thrown or rejected — a host error, or a value from app code — without calling
 * into it: only own data properties are read (no getters, no toString), and proxies are not touched.
 */
export function describeThrown(value: unknown): ThrownError {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    return { name: 'Error', message: typeof value === 'symbol' ? value.toString() : String(value), stack: null };
  }
  if (types.isProxy(value)) return { name: 'Error', message: 'A value was thrown that could not be described (a Proxy)', stack: null };
  const name = dataProperty(value, 'name') ?? 'Error';
  const message = dataProperty(value, 'message') ?? '';
  const stack = dataProperty(value, 'stack');
  return { name, message, stack: stack ?? null };
}

// Follows the prototype chain a few steps, as `error.name` would, reading data properties only.
function dataProperty(value: object, key: string): string | undefined {
  let current: object | null = value;
  for (let depth = 0; current !== null && depth < 8; depth++) {
    if (types.isProxy(current)) return undefined;
    const descriptor = Object.getOwnPropertyDescriptor(current, key);
    if (descriptor) return 'value' in descriptor && typeof descriptor.value === 'string' ? descriptor.value : undefined;
    current = Object.getPrototypeOf(current) as object | null;
  }
  return undefined;
}

import type { Check } from './schema';

/** A value that passed its check, or what is wrong with it in words a user can act on. */
export type Validated<T> = { ok: true; value: T } | { ok: false; problem: string };

// The path a check gets for the value itself; replaced in its message, so that a problem reads
// "version must be a string" or "the content must be an object", never with a made-up root name.
const ROOT = '\u0000';

/** Whether `value` passes `check`; narrows it to the check's type. */
export function passes<T>(value: unknown, check: Check<T>): value is T {
  return check(value, ROOT) === null;
}

/** Check a value already parsed (an IPC message, a row's column); the problem names the field. */
export function validate<T>(value: unknown, check: Check<T>): Validated<T> {
  if (passes(value, check)) return { ok: true, value };
  return { ok: false, problem: readable(check(value, ROOT) ?? 'it does not fit') };
}

/** Parse a JSON text and check it; broken JSON and a wrong shape both come back as a problem, never as an exception. */
export function parseJson<T>(text: string, check: Check<T>): Validated<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `it is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  return validate(value, check);
}

function readable(problem: string): string {
  return problem.replaceAll(`${ROOT}.`, '').replaceAll(`${ROOT}[`, 'item [').replaceAll(ROOT, 'the content');
}

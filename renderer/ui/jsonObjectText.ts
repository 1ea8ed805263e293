/** What a JSON-object text field holds: the object, or what is wrong with it in words for the pane. */
export type JsonObjectText = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

/**
 * Read a text field that must hold a JSON object (an invocation's or a preview's context). An empty
 * field is `{}`; a list, a string or null is named here, before anything is sent.
 */
export function jsonObjectText(text: string, what: string): JsonObjectText {
  let value: unknown;
  try {
    value = JSON.parse(text || '{}');
  } catch (failure) {
    return { ok: false, problem: `The ${what} is not JSON: ${failure instanceof Error ? failure.message : String(failure)}` };
  }
  if (!isObject(value)) return { ok: false, problem: `The ${what} must be a JSON object ({…}), not ${value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`}` };
  return { ok: true, value };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

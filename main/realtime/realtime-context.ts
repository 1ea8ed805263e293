/** The product contexts `contextOverrides` may name (`Jira`, `Confluence`, `Bitbucket` in @forge/realtime and @forge/bridge). */
export const REALTIME_CONTEXTS: readonly string[] = ['board', 'issue', 'project', 'content', 'space', 'repository', 'pullRequest'];

/**
 * The context a non-global channel lives in, from the context of the page (or of the function that
 * page invoked): by default the module and its whole product context (same module, same issue), as
 * the platform scopes it; with `contextOverrides`, only the named parts of the product context
 * (every module on the same issue, say). A function no UI module invoked has no context, so it may
 * publish only globally.
 */
export function realtimeContext(context: Record<string, unknown> | null, overrides: unknown): { ok: true; key: string } | { ok: false; reason: string } {
  const moduleKey = context?.moduleKey;
  if (context === null || typeof moduleKey !== 'string') {
    return { ok: false, reason: 'Realtime publish works only from a function a UI module invoked (its resolver), as on the platform; publish with publishGlobal from anywhere else.' };
  }
  const extension = typeof context.extension === 'object' && context.extension !== null ? (context.extension as Record<string, unknown>) : {};
  if (overrides === undefined || overrides === null) return { ok: true, key: canonical(['module', moduleKey, extension]) };
  if (!Array.isArray(overrides) || overrides.length === 0 || overrides.some((entry) => typeof entry !== 'string' || !REALTIME_CONTEXTS.includes(entry))) {
    return { ok: false, reason: `Invalid value for contextOverrides. Please provide an array of valid context properties (${REALTIME_CONTEXTS.join(', ')}).` };
  }
  const names = [...new Set(overrides as string[])].sort();
  return { ok: true, key: canonical(['context', names.map((name) => [name, extension[name] ?? null])]) };
}

// Key order in the page's context (or a token's claims) must not make two equal values differ.
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

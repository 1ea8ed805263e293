/** Which tab is active after the strip changes: pure rules, the same as VS Code's for a single group. */

/** The tab to show when `closing` is closed: the one to its right, else the one to its left, else none. */
export function afterClose(order: readonly string[], active: string | null, closing: string): string | null {
  if (active !== closing) return active;
  const at = order.indexOf(closing);
  const rest = order.filter((key) => key !== closing);
  if (rest.length === 0) return null;
  return rest[Math.min(Math.max(at, 0), rest.length - 1)] ?? null;
}

/** The tab `step` places away from `active`, wrapping around (Ctrl+Tab, Ctrl+Shift+Tab, arrow keys). */
export function cycle(order: readonly string[], active: string | null, step: number): string | null {
  if (order.length === 0) return null;
  const at = active === null ? -1 : order.indexOf(active);
  const from = at === -1 ? 0 : at;
  return order[(((from + step) % order.length) + order.length) % order.length] ?? null;
}

/** The key a tab strip key press leads to, or null when the key does not move (WAI-ARIA tabs). */
export function tabKeyTarget(order: readonly string[], active: string | null, key: string): string | null {
  if (key === 'ArrowRight') return cycle(order, active, 1);
  if (key === 'ArrowLeft') return cycle(order, active, -1);
  if (key === 'Home') return order[0] ?? null;
  if (key === 'End') return order[order.length - 1] ?? null;
  return null;
}

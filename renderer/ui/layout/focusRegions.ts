const TABBABLE = 'textarea, input, select, button, [href], [tabindex]:not([tabindex="-1"])';

/**
 * Puts the focus in a region of the workbench: on what it names as its first stop
 * (`data-focus-first`), else on the first thing the Tab key reaches in it, else on the region itself.
 */
export function focusRegion(region: HTMLElement | null): boolean {
  if (!region || region.hidden || region.closest('[hidden]')) return false;
  // An editor's text comes first (Monaco types into a textbox div or a textarea), then what the region marks.
  const text = [...region.querySelectorAll<HTMLElement>('.monaco-editor [role="textbox"], .monaco-editor textarea')].find(
    (candidate) => !candidate.closest('[hidden]') && (candidate.closest('.monaco-editor')?.getClientRects().length ?? 0) > 0,
  );
  const marked = text ?? region.querySelector<HTMLElement>('[data-focus-first]');
  const first = marked ?? [...region.querySelectorAll<HTMLElement>(TABBABLE)].find(isShown);
  const target = first ?? region;
  if (target === region && !region.hasAttribute('tabindex')) region.tabIndex = -1;
  target.focus();
  return document.activeElement === target || region.contains(document.activeElement);
}

function isShown(element: HTMLElement): boolean {
  if ((element as HTMLButtonElement).disabled) return false;
  if (element.closest('[hidden]')) return false;
  return element.getClientRects().length > 0;
}

/** The regions F6 moves between, in order: those on the page and shown. */
export function focusCycle(regions: (HTMLElement | null)[], forward: boolean): void {
  const shown = regions.filter((region): region is HTMLElement => region !== null && region.isConnected && !region.hidden);
  if (shown.length === 0) return;
  const current = shown.findIndex((region) => region.contains(document.activeElement));
  const step = forward ? 1 : -1;
  for (let offset = 1; offset <= shown.length; offset++) {
    const index = current === -1 ? (forward ? offset - 1 : shown.length - offset) : (current + step * offset + shown.length * 2) % shown.length;
    if (focusRegion(shown[index] ?? null)) return;
  }
}

/** A key press as the layout's shortcuts read it (a DOM KeyboardEvent fits). */
export interface KeyPress {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Whether a key press is the shortcut written as the palette shows it ("Ctrl+Shift+E", "Ctrl+`", "F6").
 * Ctrl also matches ⌘, so the same shortcut works on a Mac. Modifiers must match exactly, so Ctrl+B
 * is not Ctrl+Shift+B.
 */
export function matchesShortcut(event: KeyPress, shortcut: string): boolean {
  const parts = shortcut.split('+');
  // "Ctrl++" would split into an empty last part; no shortcut of the workbench uses it.
  const key = parts.pop();
  if (!key) return false;
  const wants = new Set(parts.map((part) => part.toLowerCase()));
  const ctrl = event.ctrlKey || event.metaKey;
  if (ctrl !== wants.has('ctrl') || event.shiftKey !== wants.has('shift') || event.altKey !== wants.has('alt')) return false;
  if (key.length === 1) {
    // Shift changes event.key (` becomes ~ on many layouts); the physical key decides then.
    const pressed = event.key.length === 1 ? event.key.toLowerCase() : '';
    return pressed === key.toLowerCase() || codeOf(key) === event.code;
  }
  return event.key === key;
}

function codeOf(key: string): string | undefined {
  if (/^[a-z]$/i.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  if (key === '`') return 'Backquote';
  return undefined;
}

/** How a shortcut is written on this machine: ⌘ on a Mac, Ctrl elsewhere. */
export function shortcutLabel(keys: string): string {
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return mac ? keys.replace(/Ctrl\+/g, '⌘') : keys;
}

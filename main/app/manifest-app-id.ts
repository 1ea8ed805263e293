import { parseDocument } from 'yaml';
import { PLATFORM_MANIFEST_LIMIT_BYTES } from '../manifest';

// The top-level `app:` block: its key line, then every indented, blank or comment line after it.
const APP_BLOCK = /^app:[ \t]*(?:#.*)?$(?:\r?\n(?:[ \t].*|#.*|[ \t]*))*/m;

/**
 * The app id of a manifest text, for the header; null when it has none. Only the `app:` block is
 * parsed, so a manifest of megabytes is not read in full just to name the app. Reading the id
 * never fails: a broken manifest is exactly what the editor is for.
 */
export function appIdOf(manifestText: string): string | null {
  const block = APP_BLOCK.exec(manifestText)?.[0];
  // A manifest written another way (flow style, `app` not at the top) is read whole, within the platform's limit.
  const text = block ?? (manifestText.length <= PLATFORM_MANIFEST_LIMIT_BYTES ? manifestText : null);
  if (text === null) return null;
  try {
    const id: unknown = parseDocument(text).getIn(['app', 'id']);
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * The platform refuses manifests larger than this (FACTS §1.1, manifest reference: 200 KB). Anvil
 * analyses nothing beyond it either: `forge deploy` would refuse the file whatever else it says, and
 * parsing megabytes of YAML on every keystroke stalls the editor (a 5 MB file takes seconds to parse).
 * Shared by the core, which enforces it, and the editor, which does not send a keystroke's text for
 * work the core would refuse.
 */
export const PLATFORM_MANIFEST_LIMIT_BYTES = 200 * 1024;

/** The way out of a manifest that is too large, in every message that says so. */
const SHRINK_FIX = 'Move large content (translations, long descriptions, schemas, data) into resources or files under src/ and keep manifest.yml to modules and permissions.';

// Each UTF-16 unit is one byte in UTF-8 plus these: one more for U+0080–U+07FF and for each half of a
// surrogate pair (4 bytes a pair), two more for the rest. Counted by the regex engine: a loop in script
// takes tens of milliseconds over megabytes, on every pause in typing.
const ONE_MORE = /[\u0080-\u07ff\ud800-\udfff]/g;
const TWO_MORE = /[\u0800-\ud7ff\ue000-\uffff]/g;
const NOT_ASCII = /[^\u0000-\u007f]/;

function utf8Bytes(text: string): number {
  // Manifests are mostly ASCII: one pass that finds nothing settles it.
  if (!NOT_ASCII.test(text)) return text.length;
  return text.length + (text.match(ONE_MORE)?.length ?? 0) + 2 * (text.match(TWO_MORE)?.length ?? 0);
}

/** The manifest's size in UTF-8 bytes when it is over the platform's limit, else null. */
export function manifestOverLimit(text: string): number | null {
  // Even at 3 bytes a unit it would fit: no need to count.
  if (text.length * 3 <= PLATFORM_MANIFEST_LIMIT_BYTES) return null;
  const bytes = utf8Bytes(text);
  return bytes > PLATFORM_MANIFEST_LIMIT_BYTES ? bytes : null;
}

function kilobytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;
}

/** The diagnostic's words for a manifest over the platform's limit: its size, the limit, and the fix. */
export function manifestTooLargeMessage(bytes: number): string {
  return `manifest.yml is ${kilobytes(bytes)}; the platform accepts at most ${kilobytes(PLATFORM_MANIFEST_LIMIT_BYTES)}, so forge deploy refuses it, and Anvil checks nothing else in it until it fits. ${SHRINK_FIX}`;
}

/** Why a pane shows nothing for a manifest of `bytes` (over the platform's limit): the size, the limit and the fix. `shown` is what the pane would show. */
export function manifestTooLargeFor(bytes: number, shown: string): string {
  return `manifest.yml is ${kilobytes(bytes)}, over the ${kilobytes(PLATFORM_MANIFEST_LIMIT_BYTES)} the platform accepts, so Anvil shows no ${shown} for it. ${SHRINK_FIX}`;
}

import type { SourceRange } from '../../common/types';
import { keyNodeAt, type ParsedManifest } from '../manifest';

/**
 * Where a "this list lacks an entry" finding is drawn: on the key of the list (`scopes:`,
 * `backend:`), or, when the list is not written yet, on the deepest key that is (where the entry
 * would be inserted). Never across the entries already there: each of them has its own hover.
 */
export function listKeyRange(parsed: ParsedManifest, path: readonly string[]): SourceRange {
  for (let depth = path.length; depth >= 1; depth -= 1) {
    const key = keyNodeAt(parsed, path.slice(0, depth - 1), path[depth - 1]!);
    if (key) return parsed.rangeOf(key);
  }
  return parsed.rangeAt(0, 0);
}

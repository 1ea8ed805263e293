export { manifestOverLimit, manifestTooLargeFor, manifestTooLargeMessage, PLATFORM_MANIFEST_LIMIT_BYTES } from '../../common/manifest-size';
/** Aliases expanded at most; more is how a "billion laughs" alias bomb works. */
export const MAX_ALIAS_EXPANSIONS = 100;

/** The manifest's size in UTF-8 bytes, as the platform counts it. */
export function manifestBytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

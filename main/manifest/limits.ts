/** The platform refuses manifests larger than this (FACTS §1.1, manifest reference: 200 KB). */
export const PLATFORM_MANIFEST_LIMIT_BYTES = 200 * 1024;
/** Beyond this Anvil reports the size and stops: deep analysis of a multi-megabyte file would stall the editor. */
export const ANALYSIS_LIMIT_BYTES = 1024 * 1024;
/** Aliases expanded at most; more is how a "billion laughs" alias bomb works. */
export const MAX_ALIAS_EXPANSIONS = 100;

/**
 * The version of what the source scanner finds, part of every scan cache key: facts cached by another
 * version are scanned again. Bump it whenever the scanner's output changes; scanner-version.test.ts
 * fails until you do, because it records each version's output for a fixed set of files.
 */
export const SCANNER_VERSION = 3;

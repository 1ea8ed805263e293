export const FORGE_CLI_REFERENCE: { name: string; version: string; files: string[] }[];
/** Where a package's extracted files live: out/forge-cli-reference/<name>@<version>/. */
export function forgeCliReferenceFolder(name: string, version: string): string;
/** Fetch what is missing; answers the problems (an empty list when everything is in place), never throws. */
export function ensureForgeCliReference(log?: (line: string) => void): string[];

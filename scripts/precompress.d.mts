/** Write `<file>.br` and `<file>.gz` beside every compressible file of `folder`. */
export function precompressFolder(folder: string): Promise<{ files: number; before: number; after: number }>;

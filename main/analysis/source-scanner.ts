import { loadHandlerExports } from '../manifest';
import type { SourceFacts } from './source-facts';

/** What a file that misses the scan cache needs: the Forge API scan and a handler file's export names. */
export interface SourceScanner {
  scanSource: (file: string, text: string) => SourceFacts;
  exportedNames: (file: string, text: string) => Set<string> | null;
}

/** Loads the scanner when a file must be parsed; tests count the loads. */
export type ScannerLoader = () => Promise<SourceScanner>;

/**
 * Both need TypeScript's parser, a 9 MB file that takes a quarter of a second to load; they are imported
 * only when a file misses the scan cache, so linting an unchanged app never loads it.
 */
export const loadSourceScanner: ScannerLoader = async () => {
  const [{ scanSource }, { exportedNames }] = await Promise.all([import('./scan-source'), loadHandlerExports()]);
  return { scanSource, exportedNames };
};

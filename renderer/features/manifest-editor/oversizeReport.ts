import { manifestOverLimit, manifestTooLargeMessage } from '../../../common/manifest-size';
import type { AnalysisReport } from '../../../common/types';

/**
 * The report for a text over the platform's manifest limit, made here rather than by the core: the
 * core refuses to analyse such a text, so sending megabytes on every keystroke only to hear that would
 * stall the editor. Null when the text is within the limit (the core analyses it).
 */
export function oversizeReport(text: string, filesScanned: number): AnalysisReport | null {
  const bytes = manifestOverLimit(text);
  if (bytes === null) return null;
  return {
    revision: `over-limit-${bytes}`,
    diagnostics: [{ severity: 'error', code: 'manifest-too-large', message: manifestTooLargeMessage(bytes), file: 'manifest.yml', line: 1, column: 1, endLine: 1, endColumn: 2, fixes: [] }],
    scopes: { declared: [], required: [], missing: [], unused: [], rows: [] },
    egress: { declared: [], used: [], missing: [], unused: [], rows: [] },
    resolvers: { defined: [], invoked: [], invokedButUndefined: [], definedButNotInvoked: [] },
    filesScanned,
    elapsedMs: 0,
  };
}

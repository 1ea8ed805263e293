import type { AnalysisReport, ForgeDeployCheck, UpgradeDiff } from '../../common/types';

/**
 * What Anvil says before a `forge deploy`: its own errors in the manifest and code (the CLI refuses an
 * invalid manifest too, after uploading nothing), and whether the version is major and why.
 */
export function deployCheck(environment: string, report: AnalysisReport, change: UpgradeDiff | null, noBase: string): Omit<ForgeDeployCheck, 'cli'> {
  return {
    environment,
    errors: report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => ({ file: diagnostic.file, line: diagnostic.line, message: diagnostic.message })),
    version: change ? { major: change.major, reasons: change.reasons, base: change.base } : null,
    noBase: change ? null : noBase,
  };
}

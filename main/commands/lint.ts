import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppAnalysis, CachedSchemaValidator } from '../analysis';
import { appDataFolder, describeAppFolder } from '../app';
import { defaultDataDir } from '../data-dir';
import { MANIFEST_FILE_NAME } from '../manifest';
import { terminalJson, visibleText } from '../../common/terminal-text';
import { CommandError, type CommandIO } from './command';

/**
 * `anvil lint <app-folder> [--json] [--data-dir D]`: every diagnostic; exit 1 when any is an error. What the
 * source scan finds is kept in the app's folder under the data folder, so an unchanged file is not parsed again.
 */
export async function lint(appFolder: string, options: { json: boolean; dataDir?: string }, io: CommandIO): Promise<number> {
  const summary = await describeAppFolder(appFolder).catch((error: Error) => {
    throw new CommandError(error.message);
  });
  const text = await readFile(path.join(summary.folder, MANIFEST_FILE_NAME), 'utf8');
  const cacheFolder = appDataFolder(path.resolve(options.dataDir ?? defaultDataDir()), summary.folder);
  // The schema check of an unchanged manifest is kept beside the scan, so a second lint loads no validator code.
  const schema = new CachedSchemaValidator(cacheFolder);
  const analysis = new AppAnalysis(summary.folder, schema, { cacheFolder });
  try {
    const report = await analysis.analyze(text);
    const hasErrors = report.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
    if (options.json) {
      io.out(
        terminalJson({
          diagnostics: report.diagnostics.map(({ severity, code, message, file, line, column }) => ({ severity, code, message, file, line, column })),
          scopes: { declared: report.scopes.declared, required: report.scopes.required, missing: report.scopes.missing, unused: report.scopes.unused },
          egress: { declared: report.egress.declared, used: report.egress.used, missing: report.egress.missing, unused: report.egress.unused },
        }),
      );
      return hasErrors ? 1 : 0;
    }
    for (const diagnostic of report.diagnostics) {
      // Messages quote the manifest and file names, which a cloned app chose: shown, never obeyed.
      io.out(visibleText(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}  ${diagnostic.severity.padEnd(7)} ${diagnostic.message}  [${diagnostic.code}]`));
    }
    const count = (severity: string) => report.diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
    io.out(`${visibleText(summary.name)}: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s); ${report.filesScanned} source file(s) scanned`);
    return hasErrors ? 1 : 0;
  } finally {
    analysis.close();
    schema.close();
  }
}

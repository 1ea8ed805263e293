import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../common/types';
import { modulesOf } from './manifest-model';
import { manifestDiagnostic, type ParsedManifest } from './parsed-manifest';

/** Extensions the platform tries for a handler file, in its order (FACTS §1.1). */
export const HANDLER_EXTENSIONS = ['.tsx', '.jsx', '.ts', '.js', '.cjs'];
/** Where handler files live in an app (unless a manual bundler says otherwise). */
export const HANDLERS_FOLDER = 'src';

/** The names a handler file exports, or null when they cannot be known (or the file cannot be read). */
export type ExportsReader = (relativeFile: string) => Promise<Set<string> | null>;

/** The export lookup parses with TypeScript (9 MB), so it is loaded only when a handler file is actually read. */
export const loadHandlerExports = () => import('./handler-exports');

async function parseExports(appFolder: string, relativeFile: string): Promise<Set<string> | null> {
  let text: string;
  try {
    text = await readFile(path.join(appFolder, relativeFile), 'utf8');
  } catch {
    return null;
  }
  const { exportedNames } = await loadHandlerExports();
  return exportedNames(relativeFile, text);
}

/**
 * Handler files of one app and their exports. Answers are kept until a source file changes, so a
 * keystroke in the manifest touches the disk only for handlers it has not looked up before.
 */
export class HandlerFiles {
  private readonly resolved = new Map<string, Promise<string | null>>();
  private readonly exportsCache = new Map<string, Promise<Set<string> | null>>();

  constructor(
    readonly appFolder: string,
    private readonly readExports: ExportsReader = (relativeFile) => parseExports(appFolder, relativeFile),
  ) {}

  /** A source file changed, appeared or went away: forget what was learnt from the disk. */
  invalidate(relativeFile: string): void {
    this.exportsCache.delete(relativeFile);
    this.resolved.clear();
  }

  /** The file a handler `dir/file.export` names, relative to the app, or null when none exists. */
  resolveFile(handlerFile: string): Promise<string | null> {
    let answer = this.resolved.get(handlerFile);
    if (!answer) {
      answer = this.findFile(handlerFile);
      this.resolved.set(handlerFile, answer);
    }
    return answer;
  }

  exportsOf(relativeFile: string): Promise<Set<string> | null> {
    let answer = this.exportsCache.get(relativeFile);
    if (!answer) {
      answer = this.readExports(relativeFile);
      this.exportsCache.set(relativeFile, answer);
    }
    return answer;
  }

  private async findFile(handlerFile: string): Promise<string | null> {
    for (const extension of HANDLER_EXTENSIONS) {
      const relative = `${HANDLERS_FOLDER}/${handlerFile}${extension}`;
      const info = await stat(path.join(this.appFolder, relative)).catch(() => null);
      if (info?.isFile()) return relative;
    }
    return null;
  }
}

/** Each function's `handler` must name a file under src/ and an export of it. */
export async function handlerDiagnostics(parsed: ParsedManifest, files: HandlerFiles): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const module of modulesOf(parsed.value)) {
    if (module.type !== 'function' || typeof module.value.handler !== 'string') continue;
    const handler = module.value.handler;
    const range = parsed.rangeOf(parsed.nodeAt([...module.path, 'handler']));
    const dot = handler.lastIndexOf('.');
    if (dot <= 0 || dot === handler.length - 1) {
      diagnostics.push(manifestDiagnostic('error', 'handler-malformed', `Handler "${handler}" must be <file>.<export>, e.g. "index.run" for the export run of src/index.js.`, range));
      continue;
    }
    const fileStem = handler.slice(0, dot);
    const exportName = handler.slice(dot + 1);
    const file = await files.resolveFile(fileStem);
    if (!file) {
      diagnostics.push(
        manifestDiagnostic(
          'error',
          'handler-file-missing',
          `Handler "${handler}" of function "${module.key}" needs ${HANDLERS_FOLDER}/${fileStem} with one of ${HANDLER_EXTENSIONS.join(', ')}; no such file exists.`,
          range,
        ),
      );
      continue;
    }
    const names = await files.exportsOf(file);
    if (names && !names.has(exportName)) {
      const available = [...names].slice(0, 8).join(', ') || 'nothing';
      diagnostics.push(manifestDiagnostic('error', 'handler-export-missing', `${file} does not export "${exportName}" (handler of function "${module.key}"). It exports: ${available}.`, range));
    }
  }
  return diagnostics;
}

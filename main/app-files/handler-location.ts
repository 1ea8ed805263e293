import type { CodeLocation } from '../../common/types';
import { AnvilError } from '../contract';
import { HANDLER_EXTENSIONS, HANDLERS_FOLDER } from '../manifest';
import { loadExportPlace } from '../analysis';
import { checkedRelativePath, realAppFolder, resolveForReading } from './app-file-path';
import { readTextFile } from './app-file-read';

/** The platform's handler extensions in its order, then the ES module one a bundler also takes. */
const EXTENSIONS = [...HANDLER_EXTENSIONS, '.mjs'];

/**
 * Where a manifest `handler:` (`index.run`, `resolvers/index.handler`) is exported: the file under src/
 * and the line and column of the export's name (the declaration it exports, when that is in the file).
 * Null when no such file exists; the file's first line, with a reason saying so, when it does not
 * export the name (the manifest's diagnostic says the same).
 */
export async function locateHandler(appFolder: string, handler: string): Promise<CodeLocation | null> {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) return null;
  const stem = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  let segments: string[];
  try {
    segments = checkedRelativePath(`${HANDLERS_FOLDER}/${stem}`, 'file');
  } catch {
    return null; // `../x.run` names nothing a handler can be
  }
  const root = await realAppFolder(appFolder);
  for (const extension of EXTENSIONS) {
    const file = `${segments.join('/')}${extension}`;
    const withExtension = [...segments.slice(0, -1), `${segments[segments.length - 1]}${extension}`];
    const absolute = await resolveForReading(root, withExtension, file).catch(() => null);
    if (absolute === null) continue;
    const text = await readTextFile(absolute, file).catch((error: unknown) => {
      if (error instanceof AnvilError) return null; // a folder, a binary or an oversized file at that name is no handler
      throw error;
    });
    if (text === null) continue;
    const place = (await loadExportPlace()).exportPlace(file, text, exportName);
    if (place === null) return { file, line: 1, column: 1, reason: `${file} does not export ${exportName} (handler ${handler})` };
    return { file, line: place.line + 1, column: place.character + 1, reason: `handler ${handler}` };
  }
  return null;
}

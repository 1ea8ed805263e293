import path from 'node:path';
import { realpathSync } from 'node:fs';
import { anything, parseJson, recordOf } from '../../contract';

/** Any JSON object; only `sources` and `sourceRoot` are read, the rest is written back untouched. */
const sourceMapObject = recordOf(anything);

/** Where a bundle's source map lies: beside it, read only by the host (never by app code). */
export function sourceMapPath(bundlePath: string): string {
  return `${bundlePath}.map`;
}

/**
 * The source map esbuild wrote for a bundle, with each source named relative to the app folder
 * (`src/deep/helper.ts`, `node_modules/@forge/api/out/index.js`), so nothing that maps a frame
 * needs, or shows, where the developer keeps the app. A source outside the app folder (esbuild's own
 * virtual modules) becomes an empty name: frames there are not the app's.
 */
export function appRelativeSourceMap(mapText: string, bundleFolder: string, appFolder: string): string {
  const parsed = parseJson(mapText, sourceMapObject);
  // esbuild wrote it a moment ago; anything else is an esbuild fault worth a clear message.
  if (!parsed.ok) throw new Error(`esbuild wrote a source map Anvil cannot read: ${parsed.problem}`);
  const map = parsed.value;
  const roots = [...new Set([path.resolve(appFolder), realOrSame(appFolder)])];
  const sources = Array.isArray(map.sources) ? map.sources : [];
  map.sources = sources.map((source) => (typeof source === 'string' ? appRelative(path.resolve(bundleFolder, source), roots) : ''));
  delete map.sourceRoot;
  return JSON.stringify(map);
}

function appRelative(file: string, roots: string[]): string {
  for (const root of roots) {
    const relative = path.relative(root, file);
    if (relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  }
  return '';
}

function realOrSame(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return path.resolve(folder);
  }
}

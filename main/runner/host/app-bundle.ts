import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { HANDLER_EXTENSIONS, HANDLERS_FOLDER, writeThenRename } from '../../manifest';
import { appFolderImports } from './app-folder-imports';
import { appRelativeSourceMap, sourceMapPath } from './bundle-source-map';
import { forgeUiJsx } from './forge-ui-jsx';
import { retiredRuntime } from './retired-runtime';
import { unsupportedModules } from './unsupported-modules';

export interface BuiltBundle {
  /** The bundle file the runner child reads (CommonJS). */
  bundlePath: string;
  exportName: string;
}

/** A build error with the file and line it happened at, for the Runner pane and the CLI. */
export class BundleError extends Error {
  constructor(
    message: string,
    readonly file: string | null,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

/**
 * Bundle the file a handler names (`index.handler` → src/index.*) with its dependencies from the
 * app's node_modules, as the Forge CLI does before deploy. Run again after a change under src/: that is hot reload.
 */
export async function bundleHandler(appFolder: string, handler: string, outDir: string): Promise<BuiltBundle> {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new BundleError(`Handler "${handler}" must be <file>.<export>, e.g. index.run`, null, null);
  const stem = handler.slice(0, dot);
  const entry = HANDLER_EXTENSIONS.map((extension) => path.join(appFolder, HANDLERS_FOLDER, `${stem}${extension}`)).find((candidate) => existsSync(candidate));
  if (!entry) throw new BundleError(`Handler "${handler}" needs ${HANDLERS_FOLDER}/${stem} with one of ${HANDLER_EXTENSIONS.join(', ')}`, null, null);
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  const bundlePath = path.join(outDir, `${stem.replace(/[\\/]/g, '__')}.cjs`);
  let outputs;
  try {
    // Built in memory and written below: esbuild would write the bundle in place, where a
    // concurrent invocation could read it half-written.
    ({ outputFiles: outputs } = await build({
      entryPoints: [entry],
      write: false,
      outfile: bundlePath,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // Builtins stay as require() calls: the runner answers them with its own safe stand-ins.
      external: ['node:*'],
      logLevel: 'silent',
      absWorkingDir: appFolder,
      nodePaths: [path.join(appFolder, 'node_modules')],
      jsx: 'automatic',
      // Beside the bundle, so an app error's stack can name the app's own files and lines.
      sourcemap: 'external',
      sourcesContent: false,
      // Functions keep the names the app gave them (in stack frames too), where the bundle renames them.
      keepNames: true,
      // The import guard first: it refuses a file before anything reads it.
      // Before it, what cannot run here becomes a module that says so (it reads no file of the package).
      // After it, an @forge/api built for the retired sandbox runtime becomes a module that says so.
      plugins: [unsupportedModules(appFolder), appFolderImports(appFolder), retiredRuntime(appFolder), forgeUiJsx(appFolder)],
    }));
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } }[] }).errors?.[0];
    if (first) {
      throw new BundleError(
        `${first.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : ''}${first.text}`,
        first.location?.file ?? null,
        first.location?.line ?? null,
      );
    }
    throw new BundleError((error as Error).message, null, null);
  }
  for (const output of outputs) {
    if (output.path.endsWith('.map')) continue;
    await writeThenRename(output.path, output.contents);
  }
  // Its sources relative to the app folder (src/…, node_modules/…): the host never needs more.
  const map = outputs.find((output) => output.path.endsWith('.map'));
  if (map) await writeThenRename(sourceMapPath(bundlePath), appRelativeSourceMap(map.text, path.dirname(bundlePath), appFolder));
  return { bundlePath, exportName: handler.slice(dot + 1) };
}

/** The bundle a deploy made for a handler (same naming as bundleHandler). */
export function deployedBundle(folder: string, handler: string): BuiltBundle {
  const dot = handler.lastIndexOf('.');
  const stem = handler.slice(0, dot);
  const bundlePath = path.join(folder, `${stem.replace(/[\\/]/g, '__')}.cjs`);
  if (!existsSync(bundlePath)) throw new BundleError(`The deployed version has no bundle for ${handler}; deploy again`, null, null);
  return { bundlePath, exportName: handler.slice(dot + 1) };
}

import type { Plugin } from 'esbuild';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The Forge bundler compiles backend JSX with UI Kit 1's classic factory (`ForgeUI.createElement`,
 * fragments `ForgeUI.Fragment`), whatever the app's tsconfig says: a UI Kit 1 function is
 * `import ForgeUI, { render, Text } from '@forge/ui'; export const run = render(<App />)`.
 * A source file that imports `@forge/ui` is such a file, and gets that factory here too. Any other
 * JSX (a UI Kit 2 frontend imports `@forge/react` and is a resource, bundled for the browser) keeps
 * the tsconfig's setting or the automatic runtime.
 */
export function forgeUiJsx(appFolder: string): Plugin {
  // esbuild hands over real paths.
  const root = realpathSync(appFolder);
  return {
    name: 'anvil-forge-ui-jsx',
    setup(build) {
      build.onLoad({ filter: /\.(?:jsx|tsx|js)$/, namespace: 'file' }, async (args) => {
        const relative = path.relative(root, args.path);
        // Packages come compiled; only the app's own sources are its JSX.
        if (relative.startsWith('..') || path.isAbsolute(relative) || relative.split(path.sep).includes('node_modules')) return undefined;
        const text = await readFile(args.path, 'utf8');
        const pragma = uiKit1Pragma(text);
        if (pragma === null) return undefined;
        const loader = args.path.endsWith('.tsx') ? 'tsx' : 'jsx';
        return { contents: text + pragma, loader };
      });
    },
  };
}

// `from '@forge/ui'`, `import '@forge/ui'`, `require('@forge/ui')`, subpaths too; not `@forge/ui-kit…`.
const IMPORTS_FORGE_UI = /(?:\bfrom|\bimport|\brequire\s*\()\s*['"]@forge\/ui(?:\/[^'"]*)?['"]/;
// A file that names its own factory keeps it (esbuild reads these pragmas from any comment).
const OWN_PRAGMA = /@jsx(?:Runtime|Frag|ImportSource)?\s/;

/**
 * The pragma comment that gives this source UI Kit 1's factory, or null when it is not a UI Kit 1
 * source. Appended on a line of its own, so every line and column of the source stays where it was
 * (stack traces and build errors point at the app's own text).
 */
export function uiKit1Pragma(text: string): string | null {
  if (!IMPORTS_FORGE_UI.test(text) || OWN_PRAGMA.test(text)) return null;
  return '\n/* @jsxRuntime classic */ /* @jsx ForgeUI.createElement */ /* @jsxFrag ForgeUI.Fragment */\n';
}

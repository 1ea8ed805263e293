import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../../testing';
import { bundleHandler } from './app-bundle';
import { uiKit1Pragma } from './forge-ui-jsx';

/** An app folder with these files (and stand-ins for the packages it imports), bundled for `index.run`. */
async function bundled(files: Record<string, string>): Promise<string> {
  const app = path.join(scratchFolder(), 'app');
  const all = {
    'node_modules/@forge/ui/package.json': '{"name":"@forge/ui","main":"index.js"}',
    'node_modules/@forge/ui/index.js': "exports.__esModule = true; exports.default = { createElement: function forgeUiCreate() {} }; exports.Text = 'Text';",
    'node_modules/react/package.json': '{"name":"react"}',
    'node_modules/react/jsx-runtime.js': 'exports.jsx = function reactJsx() {};',
    'node_modules/@forge/react/package.json': '{"name":"@forge/react","main":"index.js"}',
    'node_modules/@forge/react/index.js': "exports.Text = 'Text';",
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
    writeFileSync(path.join(app, file), text);
  }
  const built = await bundleHandler(app, 'index.run', path.join(scratchFolder(), 'out'));
  return readFileSync(built.bundlePath, 'utf8');
}

const UI_KIT_1 = "import ForgeUI, { Text } from '@forge/ui';\nexport const run = () => <Text>hi</Text>;\n";

describe('backend JSX is compiled as the Forge bundler does', () => {
  it('gives a .jsx file that imports @forge/ui the ForgeUI.createElement factory, whatever the tsconfig says', async () => {
    const text = await bundled({ 'src/index.jsx': UI_KIT_1, 'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx' } }) });
    expect(text).toMatch(/\.createElement\(import_ui\.Text/);
    expect(text).not.toContain('jsx-runtime');
  });

  it('does the same for a .tsx file and for JSX in a .js file', async () => {
    for (const entry of ['src/index.tsx', 'src/index.js']) {
      const text = await bundled({ [entry]: UI_KIT_1, 'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx' } }) });
      expect(text).toMatch(/\.createElement\(import_ui\.Text/);
    }
  });

  it('leaves JSX that does not import @forge/ui (UI Kit 2, @forge/react) to the automatic runtime', async () => {
    const text = await bundled({ 'src/index.jsx': "import { Text } from '@forge/react';\nexport const run = () => <Text>hi</Text>;\n" });
    expect(text).toContain('jsx-runtime');
    expect(text).not.toContain('createElement');
  });

  it('keeps a factory the file names itself', () => {
    expect(uiKit1Pragma("/** @jsx h */\nimport ForgeUI from '@forge/ui';\n")).toBeNull();
    expect(uiKit1Pragma("const ForgeUI = require('@forge/ui');\n")).toContain('@jsx ForgeUI.createElement');
    expect(uiKit1Pragma("import { view } from '@forge/ui-kit-tools';\n")).toBeNull();
  });
});

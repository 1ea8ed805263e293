import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { capturedIO, scratchFolder, smallApp } from '../testing';
import { useForgeUi1 } from '../testing/forge-api-release';
import { AppRunner } from './app-runner';

// A UI Kit 1 app on the published @forge/ui 1.11.4: its backend JSX is compiled with
// `ForgeUI.createElement`, as the Forge bundler does, even where its tsconfig asks for react-jsx.
const runners: AppRunner[] = [];
afterEach(() => runners.splice(0).forEach((runner) => runner.close()));

const manifest = `
modules:
  jira:issuePanel:
    - key: hello-panel
      function: main
      title: Hello
      icon: https://example.com/icon.png
  function:
    - key: main
      handler: index.run
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000041
  runtime:
    name: nodejs22.x
`;

const app = `
import ForgeUI, { render, Fragment, Text, useState, useProductContext } from '@forge/ui';

const App = () => {
  const [count] = useState(2);
  const context = useProductContext();
  return (
    <Fragment>
      <Text>Hello from UI Kit {count - 1}</Text>
      <Text>Issue {context.platformContext.issueKey}</Text>
    </Fragment>
  );
};

export const run = render(<App />);
`;

// What the platform sends a UI Kit 1 function on first render.
const initialize = {
  effects: [{ type: 'initialize' }],
  state: {},
  context: { cloudId: 'local-site', localId: 'panel-1', moduleKey: 'hello-panel', platformContext: { type: 'jira', issueKey: 'FOO-7' } },
};

function uiKit1Folder(entry: string, tsconfig: unknown, text = manifest): string {
  const folder = smallApp(text, '');
  rmSync(path.join(folder, 'src', 'index.js'));
  writeFileSync(path.join(folder, 'src', entry), app);
  if (tsconfig !== null) writeFileSync(path.join(folder, 'tsconfig.json'), JSON.stringify(tsconfig));
  useForgeUi1(folder);
  return folder;
}

function uiKit1App(entry: string, tsconfig: unknown): AppRunner {
  const folder = uiKit1Folder(entry, tsconfig);
  const runner = new AppRunner(folder, { dataDir: scratchFolder(), secretKey: async () => randomBytes(32) });
  runners.push(runner);
  return runner;
}

function texts(effects: unknown): string[] {
  const [render] = effects as { type: string; aux: { children: { type: string; children: { props: { text: string } }[] }[] } }[];
  expect(render!.type).toBe('render');
  return render!.aux.children.filter((child) => child.type === 'Text').map((child) => child.children.map((part) => part.props.text).join(''));
}

describe('a UI Kit 1 app (@forge/ui 1.11.4)', () => {
  it('renders its .jsx backend although its tsconfig says react-jsx', async () => {
    const outcome = await uiKit1App('index.jsx', { compilerOptions: { jsx: 'react-jsx' } }).run({ functionKey: 'main', payload: initialize });
    expect(outcome.error).toBeNull();
    expect(texts(outcome.result)).toEqual(['Hello from UI Kit 1', 'Issue FOO-7']);
  });

  it('renders a .tsx backend with no tsconfig', async () => {
    const outcome = await uiKit1App('index.tsx', null).run({ functionKey: 'main', payload: initialize });
    expect(outcome.error).toBeNull();
    expect(texts(outcome.result)).toEqual(['Hello from UI Kit 1', 'Issue FOO-7']);
  });

  it('passes `anvil lint`, whose handler check reads the .jsx file (and names a missing export)', async () => {
    const clean = capturedIO();
    expect(await runCli(['lint', uiKit1Folder('index.jsx', { compilerOptions: { jsx: 'react-jsx' } }), '--data-dir', scratchFolder()], clean.io)).toBe(0);
    expect(clean.out.join('\n')).toMatch(/0 error\(s\)/);
    const missing = capturedIO();
    const folder = uiKit1Folder('index.jsx', null, manifest.replace('handler: index.run', 'handler: index.render'));
    expect(await runCli(['lint', folder, '--data-dir', scratchFolder()], missing.io)).toBe(1);
    expect(missing.out.join('\n')).toContain('src/index.jsx does not export "render"');
  });
});

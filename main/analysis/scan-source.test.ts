import { describe, expect, it } from 'vitest';
import { scanSource } from './scan-source';

const ISSUE_PANEL = `
import api, { route } from '@forge/api';
import { kvs } from '@forge/kvs';

export async function loadIssue(key) {
  const response = await api.asApp().requestJira(route\`/rest/api/3/issue/\${key}?fields=summary\`);
  const issue = await response.json();
  await kvs.set(\`seen-\${key}\`, Date.now());
  const release = await fetch('https://api.github.com/repos/nodejs/node/releases/latest');
  return { summary: issue.fields.summary, release: (await release.json()).tag_name };
}
`;

describe('scanning one source file', () => {
  it('reads TypeScript with JSX', () => {
    const facts = scanSource(
      'static/panel/src/Panel.tsx',
      `
      import React, { useEffect, useState } from 'react';
      import { invoke, requestJira } from '@forge/bridge';
      type Issue = { key: string; fields: { summary: string } };
      export const Panel = <T,>({ issueKey }: { issueKey: string }) => {
        const [issue, setIssue] = useState<Issue | null>(null);
        useEffect(() => {
          void requestJira(\`/rest/api/3/issue/\${issueKey}\`).then((r) => r.json() as Promise<Issue>).then(setIssue);
        }, [issueKey]);
        const save = () => invoke<void>('saveNote', { issueKey } satisfies Record<string, string>);
        return <button onClick={save}>{issue?.fields.summary ?? 'Loading'}</button>;
      };
      `,
    );
    expect(facts.problem).toBeNull();
    expect(facts.productCalls).toMatchObject([{ product: 'jira', method: 'GET', path: '/rest/api/3/issue/{}', as: 'default' }]);
    expect(facts.invokes.map((use) => use.key)).toEqual(['saveNote']);
  });

  it('still finds the calls before a syntax error, and does not call the file broken', () => {
    const broken = ISSUE_PANEL + '\nexport function half(key) {\n  if (key {\n    return kvs.get(\n';
    const facts = scanSource('src/index.js', broken);
    expect(facts.problem).toBeNull();
    expect(facts.productCalls).toMatchObject([{ path: '/rest/api/3/issue/{}?fields=summary', as: 'app' }]);
    expect(facts.fetches).toMatchObject([{ host: 'api.github.com' }]);
    expect(facts.storageUses.map((use) => use.api)).toContain('kvs.set');
  });

  it('does not scan a binary file', () => {
    const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x72, 0x65, 0x71]).toString('utf8');
    expect(scanSource('src/native.js', binary)).toMatchObject({ problem: 'binary file, not scanned', productCalls: [] });
  });

  it('reports a problem instead of overflowing on code nested 10,000 levels deep', () => {
    const parentheses = `requestJira('/rest/api/3/myself');\nconst x = ${'('.repeat(10_000)}1${')'.repeat(10_000)};`;
    const arrays = `fetch('https://example.com'); const y = ${'['.repeat(10_000)}${']'.repeat(10_000)};`;
    const unclosed = `kvs.get('a'); ${'{['.repeat(10_000)}`;
    for (const text of [parentheses, arrays, unclosed]) {
      expect(scanSource('src/deep.js', text).problem).toBe('nested too deeply to scan');
    }
    // And the parser still works for the next file.
    expect(scanSource('src/index.js', ISSUE_PANEL).productCalls).toHaveLength(1);
  });

  it('does not scan a file over 2 MB', () => {
    const huge = `fetch('https://example.com');\n` + '// padding\n'.repeat(200_000);
    expect(scanSource('src/bundle.js', huge)).toMatchObject({ problem: 'larger than 2 MB, not scanned', fetches: [] });
  });

  // Speed is measured in bench/, never asserted here.
  it('scans 1 MB of ordinary code completely', () => {
    let text = '';
    let copies = 0;
    for (; text.length < 1024 * 1024; copies += 1) text += ISSUE_PANEL.replaceAll('loadIssue', `loadIssue${copies}`);
    const facts = scanSource('src/big.js', text);
    expect(facts.problem).toBeNull();
    expect(facts.productCalls.length).toBe(copies * scanSource('src/one.js', ISSUE_PANEL).productCalls.length);
  });

  it('never throws, whatever the text', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = [
      'requestJira(',
      'route`',
      '${',
      '}',
      '`',
      "'",
      '"',
      '(',
      ')',
      '{',
      '}',
      '[',
      ']',
      '<div>',
      '</',
      '/*',
      '*/',
      '//',
      '\n',
      'fetch(',
      'kvs.',
      '.define(',
      'invoke(',
      '=>',
      ',',
      '\u2028',
      '\\',
      '\ud800',
      'async ',
      'await ',
      '@',
    ];
    for (let sample = 0; sample < 300; sample += 1) {
      let text = '';
      for (let index = 0; index < 200; index += 1) text += pieces[Math.floor(random() * pieces.length)];
      for (const file of ['src/a.js', 'src/a.jsx', 'src/a.ts', 'src/a.tsx']) expect(() => scanSource(file, text)).not.toThrow();
    }
  });

  it('gives paths with forward slashes and nothing for a file without Forge calls', () => {
    const facts = scanSource('src\\util\\format.js', 'export const format = (n) => n.toFixed(2);');
    expect(facts).toEqual({
      file: 'src/util/format.js',
      productCalls: [],
      fetches: [],
      storageUses: [],
      webTriggerUses: [],
      resolverDefinitions: [],
      unreadResolverDefinitions: [],
      invokes: [],
      uiHooks: [],
      serviceImports: [],
      problem: null,
    });
  });
});

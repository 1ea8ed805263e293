import { describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest';
import { resolverFindings } from './resolver-findings';
import { manifestResolverFunctions } from './resolver-setting';
import { scanSource } from './scan-source';

const LOOP_RESOLVER = scanSource(
  'src/index.js',
  `import Resolver from '@forge/resolver';
import { handlers } from './handlers';
const resolver = new Resolver();
Object.entries(handlers).forEach(([key, fn]) => resolver.define(key, fn));
export const handler = resolver.getDefinitions();`,
);
const FRONTEND = scanSource(
  'static/app/src/App.jsx',
  `import { invoke } from '@forge/bridge';
export const load = () => invoke('getIssue');
export const save = () => invoke('saveIssue');`,
);
// Defines a key literally, in a file no module's resolver function loads.
const ORPHAN = scanSource(
  'src/orphan.js',
  `import Resolver from '@forge/resolver';
const resolver = new Resolver();
resolver.define('saveIssue', () => null);
export const handler = resolver.getDefinitions();`,
);

const WITH_RESOLVER = `
modules:
  jira:issuePanel:
    - key: panel
      resource: main
      resolver:
        function: resolver
      title: Panel
  function:
    - key: resolver
      handler: index.handler
`;

const functionsOf = (manifest: string) => manifestResolverFunctions(parseManifest(manifest).value);

describe('resolver findings', () => {
  it('finds definitions whose keys only running the code tells: a key that is no literal, makeResolver', () => {
    expect(LOOP_RESOLVER.unreadResolverDefinitions).toEqual([{ file: 'src/index.js', line: 4, column: 49 }]);
    const made = scanSource('src/made.ts', `import { makeResolver } from '@forge/resolver';\nexport const handler = makeResolver(handlers);`);
    expect(made.unreadResolverDefinitions).toEqual([{ file: 'src/made.ts', line: 2, column: 24 }]);
    const elsewhere = scanSource('src/element.js', `customElements.define(name, Card);`);
    expect(elsewhere.unreadResolverDefinitions).toEqual([]);
  });

  it('does not call keys registered in a loop undefined: a note says Anvil learns them at run time', () => {
    const { diagnostics, resolvers } = resolverFindings([LOOP_RESOLVER, FRONTEND], { resolverFunctions: functionsOf(WITH_RESOLVER), learned: null });
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ['info', 'resolver-learned-at-run-time'],
      ['info', 'resolver-learned-at-run-time'],
    ]);
    expect(diagnostics[0]!.message).toContain('Anvil learns them when it runs the resolver');
    expect(diagnostics[0]!.message).toContain('src/index.js:4');
    expect(resolvers.invokedButUndefined).toEqual([]);
  });

  it('still reports a key defined nowhere when every definition is literal', () => {
    const literal = scanSource('src/index.js', `import Resolver from '@forge/resolver';\nconst r = new Resolver();\nr.define('getIssue', () => 1);\nexport const handler = r.getDefinitions();`);
    const { diagnostics, resolvers } = resolverFindings([literal, FRONTEND], { resolverFunctions: functionsOf(WITH_RESOLVER), learned: null });
    expect(diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['error', 'resolver-undefined', 3]]);
    expect(resolvers.invokedButUndefined).toEqual(['saveIssue']);
  });

  it('with the keys learnt by running the resolvers, warns about an invoked key no module reaches, as the runner refuses it', () => {
    const learned = new Map([['resolver', ['getIssue']]]);
    const { diagnostics, resolvers } = resolverFindings([LOOP_RESOLVER, FRONTEND, ORPHAN], { resolverFunctions: functionsOf(WITH_RESOLVER), learned });
    const invokeFindings = diagnostics.filter((d) => d.file === 'static/app/src/App.jsx');
    expect(invokeFindings.map((d) => [d.severity, d.code, d.line])).toEqual([['warning', 'resolver-not-reached', 3]]);
    expect(invokeFindings[0]!.message).toContain(`no module's resolver function defines ("resolver" defines getIssue)`);
    expect(invokeFindings[0]!.message).toContain(`Anvil's runner refuses the key`);
    expect(resolvers.defined).toEqual(['getIssue', 'saveIssue']);
  });

  it('with learnt keys, a key defined nowhere is an error again, not a note', () => {
    const learned = new Map([['resolver', ['getIssue']]]);
    const { diagnostics } = resolverFindings([LOOP_RESOLVER, FRONTEND], { resolverFunctions: functionsOf(WITH_RESOLVER), learned });
    expect(diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['error', 'resolver-undefined', 3]]);
  });

  it('warns at every invoke when no module names a resolver function, unless resolvers run at a remote endpoint', () => {
    const noResolver = WITH_RESOLVER.replace('      resolver:\n        function: resolver\n', '');
    const { diagnostics } = resolverFindings([LOOP_RESOLVER, FRONTEND], { resolverFunctions: functionsOf(noResolver), learned: null });
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'resolver-not-reached'],
      ['warning', 'resolver-not-reached'],
    ]);
    expect(diagnostics[0]!.message).toContain('no module in manifest.yml names a resolver function');
    const remote = WITH_RESOLVER.replace('        function: resolver\n', '        endpoint: remote-resolver\n');
    expect(functionsOf(remote)).toBeNull();
    expect(resolverFindings([LOOP_RESOLVER, FRONTEND], { resolverFunctions: functionsOf(remote), learned: null }).diagnostics.map((d) => d.code)).toEqual([
      'resolver-learned-at-run-time',
      'resolver-learned-at-run-time',
    ]);
  });
});

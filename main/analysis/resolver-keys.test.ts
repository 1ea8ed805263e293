import { describe, expect, it } from 'vitest';
import { scanSource } from './scan-source';

describe('resolver keys and UI hooks', () => {
  it('finds resolver definitions with literal keys in a file that uses @forge/resolver', () => {
    const facts = scanSource(
      'src/resolvers/index.js',
      `
      import Resolver from '@forge/resolver';
      const resolver = new Resolver();
      resolver.define('getText', (req) => 'Hello');
      resolver.define(\`setText\`, async ({ payload }) => payload);
      resolver.define(dynamicKey, () => null);
      export const handler = resolver.getDefinitions();
      `,
    );
    expect(facts.resolverDefinitions).toEqual([
      { key: 'getText', place: { file: 'src/resolvers/index.js', line: 4, column: 7 } },
      { key: 'setText', place: { file: 'src/resolvers/index.js', line: 5, column: 7 } },
    ]);
  });

  it('also finds them with require, and not in files without a resolver', () => {
    const required = scanSource('src/index.cjs', `const Resolver = require('@forge/resolver').default; const r = new Resolver(); r.define('ping', () => 'pong');`);
    expect(required.resolverDefinitions.map((definition) => definition.key)).toEqual(['ping']);
    const elsewhere = scanSource('static/app/src/element.js', `customElements.define('radar-card', RadarCard);`);
    expect(elsewhere.resolverDefinitions).toEqual([]);
  });

  it('finds invoke calls with literal keys', () => {
    const facts = scanSource(
      'static/app/src/App.tsx',
      `
      import { invoke } from '@forge/bridge';
      export function App() {
        useEffect(() => { invoke<string>('getText', { example: 'my-invoke-variable' }).then(setData); }, []);
        const save = (text: string) => invoke('setText', { text });
        const other = (key: string) => invoke(key);
        return <button onClick={() => save('x')}>Save</button>;
      }
      `,
    );
    expect(facts.invokes.map((use) => use.key)).toEqual(['getText', 'setText']);
  });

  it('finds UI Kit hooks that need scopes', () => {
    const facts = scanSource(
      'src/frontend/index.jsx',
      `
      import ForgeReconciler, { Text, useIssueProperty, useProductContext } from '@forge/react';
      const App = () => {
        const context = useProductContext();
        const [count, setCount] = useIssueProperty('like-count', 0);
        return <Text>{count}</Text>;
      };
      `,
    );
    expect(facts.uiHooks).toEqual([{ hook: 'useIssueProperty', place: { file: 'src/frontend/index.jsx', line: 5, column: 35 } }]);
  });
});

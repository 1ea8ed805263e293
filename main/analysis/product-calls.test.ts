import { describe, expect, it } from 'vitest';
import { scanSource } from './scan-source';

const calls = (text: string, file = 'src/index.js') => scanSource(file, text).productCalls;

describe('product calls', () => {
  it('reads the method from a literal options object, upper-cased, and GET without options', () => {
    const found = calls(`
      import api, { route } from '@forge/api';
      export async function run(key, body) {
        await api.asApp().requestJira(route\`/rest/api/3/issue/\${key}\`);
        await api.asApp().requestJira(route\`/rest/api/3/issue/\${key}/comment\`, { method: 'post', body });
        await api.asApp().requestJira(route\`/rest/api/3/issue/\${key}\`, { headers: { Accept: 'application/json' } });
      }
    `);
    expect(found.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /rest/api/3/issue/{}', 'POST /rest/api/3/issue/{}/comment', 'GET /rest/api/3/issue/{}']);
  });

  it('gives no method when it cannot be read from the code', () => {
    const found = calls(`
      const options = { method: 'DELETE' };
      requestJira('/rest/api/3/issue/A-1', options);
      requestJira('/rest/api/3/issue/A-1', { method: verb });
      requestJira('/rest/api/3/issue/A-1', { ...defaults });
      requestJira('/rest/api/3/issue/A-1', { ...defaults, method: 'PUT' });
    `);
    expect(found.map((call) => call.method)).toEqual([null, null, null, 'PUT']);
  });

  it('tells calls as the app, as the user and neither apart', () => {
    const found = calls(`
      import api, { asUser, route } from '@forge/api';
      const pageClient = api.asUser();
      export const update = (id, body) =>
        asUser().requestConfluence(route\`/wiki/api/v2/pages/\${id}\`, { method: 'PUT', body });
      export const read = (id) => pageClient.requestConfluence(route\`/wiki/api/v2/pages/\${id}\`);
      export const myself = () => api.requestJira(route\`/rest/api/3/myself\`);
      export const repos = (ws) => api.asApp().requestBitbucket(route\`/2.0/repositories/\${ws}\`);
    `);
    expect(found.map(({ product, method, path, as }) => ({ product, method, path, as }))).toEqual([
      { product: 'confluence', method: 'PUT', path: '/wiki/api/v2/pages/{}', as: 'user' },
      { product: 'confluence', method: 'GET', path: '/wiki/api/v2/pages/{}', as: 'user' },
      { product: 'jira', method: 'GET', path: '/rest/api/3/myself', as: 'default' },
      { product: 'bitbucket', method: 'GET', path: '/2.0/repositories/{}', as: 'app' },
    ]);
  });

  it('finds bridge calls in a frontend', () => {
    const found = calls(
      `
      import { requestConfluence } from '@forge/bridge';
      export async function loadPage(pageId) {
        const response = await requestConfluence(\`/wiki/api/v2/pages/\${pageId}?body-format=storage\`, {
          headers: { Accept: 'application/json' },
        });
        return response.json();
      }
    `,
      'static/page-panel/src/App.jsx',
    );
    expect(found).toEqual([
      {
        product: 'confluence',
        method: 'GET',
        path: '/wiki/api/v2/pages/{}?body-format=storage',
        as: 'default',
        place: { file: 'static/page-panel/src/App.jsx', line: 4, column: 32 },
      },
    ]);
  });

  it('gives no path when the path is built elsewhere', () => {
    const found = calls(`
      const url = route\`/rest/api/3/search/jql\`;
      await api.asUser().requestJira(url, { method: 'POST', body });
    `);
    expect(found).toMatchObject([{ product: 'jira', method: 'POST', path: null, as: 'user' }]);
  });

  it('reads paths from plain strings, assumeTrustedRoute and concatenation', () => {
    const found = calls(`
      requestJira('/rest/api/3/serverInfo');
      requestJira(assumeTrustedRoute('/rest/api/3/project/' + projectKey + '/properties/' + key));
      requestJira(routeFromAbsolute('https://example.atlassian.net/rest/api/3/field'));
    `);
    expect(found.map((call) => call.path)).toEqual(['/rest/api/3/serverInfo', '/rest/api/3/project/{}/properties/{}', '/rest/api/3/field']);
  });

  it('places a call on the line of its name when the chain spans lines', () => {
    const [call] = calls(['const response = await api', '  .asApp()', '  .requestJira(route`/rest/api/3/status`);'].join('\n'));
    expect(call?.place).toEqual({ file: 'src/index.js', line: 3, column: 4 });
    expect(call?.as).toBe('app');
  });

  it('does not count the definition of a wrapper, only calls', () => {
    const found = calls(`
      async function requestJira(path) { return api.asApp().requestJira(path); }
      const wrapper = { requestConfluence: () => null };
    `);
    expect(found).toMatchObject([{ as: 'app', path: null }]);
  });
});

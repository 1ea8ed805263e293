import { afterEach, describe, expect, it } from 'vitest';
import { addFiles, oneFunctionManifest, smallApp } from '../../testing';
import { useForgeRelease } from '../../testing/forge-api-release';
import { AppRunner } from '../app-runner';

/** Built for the retired runtime: no app.runtime.name. */
const APP = oneFunctionManifest(null);
const WITH_RUNTIME = oneFunctionManifest();

/**
 * An @forge/api release laid out as 2.3.0 is published (out/index.js and out/api/index.js as in the
 * tarball, trimmed to what runs at load): it builds its fetch API from global.api when it loads.
 */
function retiredApi(folder: string, version: string): Record<string, string> {
  return {
    [`${folder}/package.json`]: JSON.stringify({ name: '@forge/api', version, main: 'out/index.js' }),
    [`${folder}/out/index.js`]: [
      '"use strict";',
      'Object.defineProperty(exports, "__esModule", { value: true });',
      'const api_1 = require("./api");',
      'const FetchAPI = api_1.wrapFetchApiMethods(global.api, api_1.transformResponse);',
      'exports.fetch = FetchAPI.fetch;',
      'exports.requestJira = FetchAPI.requestJira;',
      '',
    ].join('\n'),
    [`${folder}/out/api/index.js`]: [
      '"use strict";',
      'exports.transformResponse = (fetch) => fetch;',
      'exports.wrapFetchApiMethods = (api, wrapFetch) => ({ fetch: wrapFetch(api.fetch), requestJira: wrapFetch(api.requestJira) });',
      '',
    ].join('\n'),
  };
}

function appWith(manifest: string, source: string, files: Record<string, string>): string {
  return addFiles(smallApp(manifest, source), files, { replacePackages: true });
}

const runners: AppRunner[] = [];
afterEach(() => {
  for (const runner of runners.splice(0)) runner.close();
});

async function run(app: string) {
  const runner = new AppRunner(app, { dataDir: null });
  runners.push(runner);
  return runner.run({ functionKey: 'main' });
}

const SOURCE = "import api from '@forge/api';\nexport async function main() { return typeof api.fetch; }\n";

describe('an app built for the retired sandbox runtime', () => {
  it('says so, naming the @forge/api release that reads global.api, and how to upgrade and set app.runtime.name, instead of a bare TypeError', async () => {
    const outcome = await run(appWith(APP, SOURCE, retiredApi('node_modules/@forge/api', '2.3.0')));
    expect(outcome.status).toBe('error');
    expect(outcome.error).toContain(
      "This app was built for Forge's retired sandbox runtime (@forge/api 2.3.0 reads global.api); the platform no longer runs it. " +
        'Upgrade @forge/api (npm install @forge/api@latest) and set app.runtime.name: nodejs22.x in manifest.yml.',
    );
    expect(outcome.error).not.toMatch(/Cannot read properties of undefined/);
  }, 60_000);

  it('names the package that brings the retired @forge/api, and leaves out app.runtime.name when the manifest sets it', async () => {
    const files = {
      'node_modules/@forge/resolver/package.json': JSON.stringify({ name: '@forge/resolver', version: '1.2.0', main: 'index.js' }),
      'node_modules/@forge/resolver/index.js': "const api = require('@forge/api');\nmodule.exports = class Resolver { getDefinitions() { return () => typeof api.fetch; } };\n",
      ...retiredApi('node_modules/@forge/resolver/node_modules/@forge/api', '2.0.0'),
    };
    const source = "import Resolver from '@forge/resolver';\nexport const main = new Resolver().getDefinitions();\n";
    const outcome = await run(appWith(WITH_RUNTIME, source, files));
    expect(outcome.status).toBe('error');
    expect(outcome.error).toContain(
      "This app was built for Forge's retired sandbox runtime (@forge/api 2.0.0 reads global.api); the platform no longer runs it. " +
        'Upgrade @forge/resolver, which brings that @forge/api, and @forge/api (npm install @forge/resolver@latest @forge/api@latest).',
    );
  }, 60_000);

  it('runs @forge/api 2.22.1, which reads global.api only when it exists and otherwise uses the Node runtime', async () => {
    const app = smallApp(WITH_RUNTIME, SOURCE);
    useForgeRelease(app, '@forge/api', 'forge-api-2');
    expect(await run(app)).toMatchObject({ status: 'ok', result: 'function' });
  }, 60_000);
});

import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgeCliReferenceFile } from './forge-cli-reference';

describe('the Forge CLI files of the drift test', () => {
  afterEach(() => vi.unstubAllEnvs());
  const nowhere = () => path.join(os.tmpdir(), 'anvil-no-forge-cli-here');

  it('under CI a missing file fails the drift test instead of skipping it', () => {
    vi.stubEnv('CI', 'true');
    expect(() => forgeCliReferenceFile('@forge/cli-shared', 'out/app-logs/graphql-client.js', nowhere)).toThrow(/9\.3\.0 out\/app-logs\/graphql-client\.js is missing, and CI must not skip/);
  });

  it('outside CI a missing file is reported absent, so the drift test skips', () => {
    vi.stubEnv('CI', '');
    expect(forgeCliReferenceFile('@forge/cli-shared', 'out/app-logs/graphql-client.js', nowhere)).toBeNull();
  });

  it('refuses a file that the fetcher would not fetch', () => {
    expect(() => forgeCliReferenceFile('@forge/cli', 'out/secret.js')).toThrow(/not in FORGE_CLI_REFERENCE/);
  });
});

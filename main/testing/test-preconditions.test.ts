import { afterEach, describe, expect, it, vi } from 'vitest';
import { inPrivateKeychain } from './keychain-tests';
import { sharedDataFolder } from './shared-data';

describe('shared test data', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('under CI a missing shared folder fails the tests that need it instead of skipping them', () => {
    vi.stubEnv('CI', 'true');
    expect(() => sharedDataFolder('no-such-folder-for-this-test')).toThrow(/\.\.\/shared\/no-such-folder-for-this-test is missing.*CI must not skip/);
  });

  it('outside CI a missing shared folder is reported absent, so its tests skip and say why', () => {
    vi.stubEnv('CI', '');
    expect(sharedDataFolder('no-such-folder-for-this-test').present).toBe(false);
  });
});

describe('keychain tests', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('under CI, outside the private Secret Service, they fail instead of skipping', () => {
    vi.stubEnv('CI', 'true');
    vi.stubEnv('ANVIL_PRIVATE_SECRET_SERVICE', '');
    expect(() => inPrivateKeychain()).toThrow(/must not skip/);
  });

  it('outside CI and outside the private Secret Service, they skip', () => {
    vi.stubEnv('CI', '');
    vi.stubEnv('ANVIL_PRIVATE_SECRET_SERVICE', '');
    expect(inPrivateKeychain()).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { appIds, environmentName, platformEnvironmentKey } from './app-ids';
import { installationContext } from './installation-context';

describe('app ids, environment keys and installation contexts', () => {
  it("takes the manifest's app ARI or its bare uuid, and refuses anything else", () => {
    const uuid = '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
    expect(appIds(`ari:cloud:ecosystem::app/${uuid}`)).toEqual({ ari: `ari:cloud:ecosystem::app/${uuid}`, uuid });
    expect(appIds(uuid).ari).toBe(`ari:cloud:ecosystem::app/${uuid}`);
    expect(() => appIds('my-app')).toThrow(/app.id in manifest.yml/);
  });

  it('names the development environment as the Forge CLI does', () => {
    expect(platformEnvironmentKey('development')).toBe('default');
    expect(platformEnvironmentKey('staging')).toBe('staging');
    expect(platformEnvironmentKey('constructor')).toBe('constructor');
    expect(environmentName('default')).toBe('development');
    expect(environmentName('alex')).toBe('alex');
  });

  it('reads the product and cloud id of site and workspace contexts', () => {
    expect(installationContext('ari:cloud:jira::site/1111')).toEqual({ product: 'jira', cloudId: '1111' });
    expect(installationContext('ari:cloud:compass:2222:workspace/abcd')).toEqual({ product: 'compass', cloudId: '2222' });
    expect(installationContext('ari:cloud:bitbucket::workspace/{uuid}')).toEqual({ product: 'bitbucket', cloudId: null });
    expect(installationContext('not an ari')).toBeNull();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { sampleCloudApp, STAND_IN_APP_ID, STAND_IN_LOGIN, startForgePlatformStandIn, type ForgePlatformStandIn, type StandInApp } from '../testing';
import { ForgePlatformClient } from './forge-platform-client';

let standIn: ForgePlatformStandIn | null = null;
afterEach(async () => {
  await standIn?.close();
  standIn = null;
});

async function clientFor(app: StandInApp = sampleCloudApp()): Promise<{ client: ForgePlatformClient; standIn: ForgePlatformStandIn }> {
  standIn = await startForgePlatformStandIn({ login: STAND_IN_LOGIN, app });
  return { client: new ForgePlatformClient({ login: STAND_IN_LOGIN, gateway: standIn.url, extraCaCertificates: [standIn.ca] }), standIn };
}

/** Staging with `count` minor versions of major 5 (newest first) and one of major 4. */
function appWithManyVersions(count: number): StandInApp {
  const app = sampleCloudApp();
  const fives = Array.from({ length: count }, (_, index) => ({
    version: `5.${count - 1 - index}.0`,
    isLatest: index === 0,
    createdAt: new Date(Date.UTC(2026, 10, 1) + (count - index) * 60_000).toISOString(),
    permissions: [{ scopes: [{ key: `read:minor-${count - 1 - index}` }], egress: [], securityPolicies: [] }],
  }));
  return { ...app, versions: { staging: [...fives, ...(app.versions.staging ?? [])] } };
}

describe('ForgePlatformClient.versionDetails', () => {
  it('reads the scopes, egress, content policies, modules and licensing of one deployed version', async () => {
    const app = sampleCloudApp();
    const staging = app.versions.staging!;
    staging[0] = {
      ...staging[0]!,
      requiresLicense: true,
      permissions: [
        {
          scopes: [{ key: 'read:jira-work' }, { key: 'storage:app' }],
          egress: [
            { type: 'FETCH_BACKEND_SIDE', addresses: ['api.github.com'], category: null, inScopeEUD: false },
            { type: 'IMAGES', addresses: ['*.cdn.example.com'], category: 'ANALYTICS', inScopeEUD: null },
          ],
          securityPolicies: [{ type: 'SCRIPTS', policies: ['unsafe-inline'] }],
        },
      ],
    };
    const { client, standIn } = await clientFor(app);
    const details = await client.versionDetails(STAND_IN_APP_ID, 'staging', '4.2.0');
    expect(details).toMatchObject({
      version: '4.2.0',
      environment: 'staging',
      scopes: ['read:jira-work', 'storage:app'],
      egress: [
        { type: 'FETCH_BACKEND_SIDE', addresses: ['api.github.com'], category: null, inScopeEUD: false },
        { type: 'IMAGES', addresses: ['*.cdn.example.com'], category: 'ANALYTICS', inScopeEUD: null },
      ],
      securityPolicies: [{ type: 'SCRIPTS', policies: ['unsafe-inline'] }],
      requiresLicense: true,
    });
    expect(details.modules.map((module) => [module.key, module.extensionData.type])).toContainEqual(['issue-radar-panel', 'jira:issuePanel']);
    // Asked as the Forge CLI asks: the app's ARI, the platform's environment key, the major version.
    expect(standIn.requests.at(-1)!.variables).toMatchObject({ appId: STAND_IN_APP_ID, environmentKey: 'staging', majorVersion: 4 });
  });

  it("finds an installation's exact version by paging through its major version", async () => {
    const { client, standIn } = await clientFor(appWithManyVersions(45));
    const details = await client.versionDetails(STAND_IN_APP_ID, 'staging', '5.3.0');
    expect(details.scopes).toEqual(['read:minor-3']);
    expect(standIn.requests.map((request) => request.variables.after)).toEqual([null, '20', '40']);
  });

  it('says a version the environment does not have is not found, naming it', async () => {
    const { client } = await clientFor();
    await expect(client.versionDetails(STAND_IN_APP_ID, 'staging', '4.9.0')).rejects.toMatchObject({ kind: 'not-found', message: expect.stringContaining('no version 4.9.0 in staging') });
    await expect(client.versionDetails(STAND_IN_APP_ID, 'qa', '4.2.0')).rejects.toMatchObject({ kind: 'not-found', message: expect.stringContaining('no environment "qa"') });
  });

  it('refuses an answer whose permissions are not in the documented shape, naming the field', async () => {
    const { client, standIn } = await clientFor();
    standIn.failNext({
      kind: 'tamper',
      change: (answer) => {
        const versions = (answer.data.app as { environmentByKey: { versions: { nodes: Record<string, unknown>[] } } }).environmentByKey.versions;
        versions.nodes[0]!.permissions = [{ scopes: 'read:jira-work' }];
      },
    });
    await expect(client.versionDetails(STAND_IN_APP_ID, 'staging', '4.2.0')).rejects.toMatchObject({ kind: 'malformed', message: expect.stringMatching(/permissions.*scopes/) });
  });
});

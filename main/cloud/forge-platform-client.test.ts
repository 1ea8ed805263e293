import { afterEach, describe, expect, it } from 'vitest';
import { sampleCloudApp, sampleLogLines, STAGING_ENVIRONMENT_ID, STAND_IN_APP_ID, STAND_IN_LOGIN, startForgePlatformStandIn, type ForgePlatformStandIn, type StandInOptions } from '../testing';
import { ForgePlatformClient } from './forge-platform-client';

let standIn: ForgePlatformStandIn | null = null;
afterEach(async () => {
  await standIn?.close();
  standIn = null;
});

async function clientFor(options: Omit<StandInOptions, 'login' | 'app'> = {}): Promise<{ client: ForgePlatformClient; standIn: ForgePlatformStandIn }> {
  standIn = await startForgePlatformStandIn({ login: STAND_IN_LOGIN, app: sampleCloudApp(), ...options });
  return { client: new ForgePlatformClient({ login: STAND_IN_LOGIN, gateway: standIn.url, extraCaCertificates: [standIn.ca] }), standIn };
}

describe('ForgePlatformClient against the stand-in gateway', () => {
  it("lists the app's environments with the names the Forge CLI shows", async () => {
    const { client } = await clientFor();
    const environments = await client.listEnvironments(STAND_IN_APP_ID);
    expect(environments.map((environment) => [environment.name, environment.key, environment.type])).toEqual([
      ['development', 'default', 'DEVELOPMENT'],
      ['staging', 'staging', 'STAGING'],
      ['production', 'production', 'PRODUCTION'],
      ['alex', 'alex', 'DEVELOPMENT'],
    ]);
  });

  it('finds an environment id by key, development standing for the platform key default', async () => {
    const { client, standIn } = await clientFor();
    expect(await client.environmentId(STAND_IN_APP_ID, 'staging')).toBe(STAGING_ENVIRONMENT_ID);
    expect(await client.environmentId(STAND_IN_APP_ID, 'development')).toBe(sampleCloudApp().environments[0]!.id);
    expect(standIn.requests.at(-1)!.variables).toMatchObject({ id: STAND_IN_APP_ID, key: 'default' });
  });

  it('says an environment the app does not have is not found, naming it', async () => {
    const { client } = await clientFor();
    await expect(client.environmentId(STAND_IN_APP_ID, 'qa')).rejects.toMatchObject({ kind: 'not-found', message: expect.stringContaining('no environment "qa"') });
  });

  it('says an app the account cannot see is not found and points at app.id in the manifest', async () => {
    const { client } = await clientFor();
    const other = 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000';
    await expect(client.listEnvironments(other)).rejects.toMatchObject({ kind: 'not-found', message: expect.stringContaining('app.id in manifest.yml') });
  });

  it('lists installations with site host name, product, environment and version', async () => {
    const { client } = await clientFor();
    const installations = await client.listInstallations(STAND_IN_APP_ID);
    expect(installations.map(({ site, product, environmentName, version, isLatest }) => ({ site, product, environmentName, version, isLatest }))).toEqual([
      { site: 'acme-staging.atlassian.net', product: 'jira', environmentName: 'staging', version: '4.2.0', isLatest: true },
      { site: 'acme-dev.atlassian.net', product: 'confluence', environmentName: 'development', version: '7.0.3', isLatest: false },
    ]);
  });

  it('lists the versions deployed to an environment', async () => {
    const { client } = await clientFor();
    const versions = await client.listVersions(STAND_IN_APP_ID, 'staging');
    expect(versions.map((version) => version.version)).toEqual(['4.2.0', '4.1.0', '3.0.0']);
    expect(versions.find((version) => version.isLatest)?.version).toBe('4.2.0');
  });

  it('reads a page of cloud logs in a time window with typed lines', async () => {
    const lines = sampleLogLines(10, STAGING_ENVIRONMENT_ID);
    const { client, standIn } = await clientFor({ logs: lines });
    const page = await client.appLogs({ appId: STAND_IN_APP_ID, environmentId: STAGING_ENVIRONMENT_ID, since: new Date(lines[2]!.ts), until: new Date(lines[7]!.ts), offset: 0, limit: 3 });
    expect(page.totalLogs).toBe(6);
    expect(page.hasNextPage).toBe(true);
    expect(page.lines[0]).toEqual({ invocationId: 'inv-1', functionKey: 'resolver', appVersion: '4.2.0', level: 'INFO', ts: lines[2]!.ts, message: 'line 2', other: [{ index: 2 }], error: null });
    // The logs query takes the app's uuid, not its ARI, as the Forge CLI sends it.
    expect(standIn.requests.at(-1)!.variables).toMatchObject({
      appId: STAND_IN_APP_ID.split('/').at(-1),
      environmentId: STAGING_ENVIRONMENT_ID,
      dateSearchInput: { earliestStart: lines[2]!.ts, latestStart: lines[7]!.ts },
      queryStartTime: lines[2]!.ts,
      offset: 0,
      limit: 3,
    });
  });

  it('gathers every line of a window page by page, none twice, even when new lines arrive meanwhile', async () => {
    const lines = sampleLogLines(25, STAGING_ENVIRONMENT_ID);
    // A clock that moves a second each time it is read, and a line written while Anvil pages: the
    // window's end is read once, so the new line shifts no offset of the pages still to come.
    let clock = Date.parse(lines.at(-1)!.ts);
    const { standIn } = await clientFor({
      logs: lines,
      pageMax: 7,
      beforeAnswer: (request, state) => {
        if (request.rootField === 'appLogsWithMetaData') state.logs.unshift(...sampleLogLines(1, STAGING_ENVIRONMENT_ID, clock + 500));
      },
    });
    const client = new ForgePlatformClient({ login: STAND_IN_LOGIN, gateway: standIn.url, extraCaCertificates: [standIn.ca], now: () => (clock += 1000) });
    const all = await client.allAppLogs({ appId: STAND_IN_APP_ID, environmentId: STAGING_ENVIRONMENT_ID, since: new Date(lines[0]!.ts), pageSize: 10 });
    expect(all.lines.map((line) => line.message)).toEqual(lines.map((line) => line.message));
    expect(all.truncated).toBe(false);
    expect(standIn.requests.length).toBe(4); // 7 + 7 + 7 + 4 lines: the platform's page cap wins over the asked size
  });

  it('stops at an empty page that claims more, instead of asking forever', async () => {
    const lines = sampleLogLines(4, STAGING_ENVIRONMENT_ID);
    const { client, standIn } = await clientFor({ logs: lines, pageMax: 2 });
    standIn.failNext(
      { kind: 'tamper', change: () => undefined },
      { kind: 'tamper', change: (answer) => void Object.assign(answer.data.appLogsWithMetaData as object, { appLogs: [], hasNextPage: true }) },
    );
    const all = await client.allAppLogs({ appId: STAND_IN_APP_ID, environmentId: STAGING_ENVIRONMENT_ID, since: new Date(lines[0]!.ts), until: new Date(lines.at(-1)!.ts) });
    expect(all.lines.map((line) => line.message)).toEqual(['line 0', 'line 1']);
    expect(standIn.requests).toHaveLength(2);
  });

  it('stops at maxLines and says the window holds more', async () => {
    const lines = sampleLogLines(30, STAGING_ENVIRONMENT_ID);
    const { client } = await clientFor({ logs: lines });
    const all = await client.allAppLogs({ appId: STAND_IN_APP_ID, environmentId: STAGING_ENVIRONMENT_ID, since: new Date(lines[0]!.ts), until: new Date(lines.at(-1)!.ts), pageSize: 8, maxLines: 12 });
    expect(all.lines).toHaveLength(12);
    expect(all.truncated).toBe(true);
    expect(all.totalLogs).toBe(30);
  });

  it('sends the login as Basic email:token in the Authorization header, and the token nowhere else', async () => {
    const { client, standIn } = await clientFor({ logs: sampleLogLines(3, STAGING_ENVIRONMENT_ID) });
    await client.listEnvironments(STAND_IN_APP_ID);
    await client.listInstallations(STAND_IN_APP_ID);
    await client.allAppLogs({ appId: STAND_IN_APP_ID, environmentId: STAGING_ENVIRONMENT_ID, since: new Date(0) });
    const basic = `Basic ${Buffer.from(`${STAND_IN_LOGIN.email}:${STAND_IN_LOGIN.token}`).toString('base64')}`;
    expect(standIn.requests.length).toBeGreaterThan(2);
    for (const request of standIn.requests) {
      expect(request.headers.authorization).toBe(basic);
      const everythingElse = [request.url, request.body, ...request.rawHeaders.filter((_, index, all) => !(index % 2 === 1 && all[index - 1]!.toLowerCase() === 'authorization'))].join('\n');
      expect(everythingElse).not.toContain(STAND_IN_LOGIN.token);
      expect(everythingElse).not.toContain(basic.slice('Basic '.length));
    }
  });
});

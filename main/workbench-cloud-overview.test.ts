import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CloudOverview } from '../common/types';
import { dispatchCall } from './contract';
import { openFileSettings } from './settings';
import { oneFunctionManifest, sampleCloudApp, scratchFolder, smallApp, STAND_IN_APP_ID, STAND_IN_LOGIN, startForgePlatformStandIn, type ForgePlatformStandIn } from './testing';
import { Workbench } from './workbench';

let standIn: ForgePlatformStandIn | null = null;
const benches: Workbench[] = [];
afterEach(async () => {
  benches.splice(0).forEach((bench) => bench.close());
  vi.unstubAllEnvs();
  await standIn?.close();
  standIn = null;
});

const manifestWithId = (id: string) => oneFunctionManifest().replace('ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001', id);

/** A workbench with an app whose manifest has `appId`, the login in the environment as the Forge CLI reads it, and the stand-in as gateway. */
async function workbenchFor(options: { token?: string | null; appId?: string | null; gateway?: string } = {}) {
  standIn = await startForgePlatformStandIn({ login: STAND_IN_LOGIN, app: sampleCloudApp() });
  const token = options.token === undefined ? STAND_IN_LOGIN.token : options.token;
  // No data folder: no vault, so the login comes from the environment (or nowhere).
  vi.stubEnv('FORGE_EMAIL', token === null ? '' : STAND_IN_LOGIN.email);
  vi.stubEnv('FORGE_API_TOKEN', token ?? '');
  const workbench = new Workbench({
    shell: 'web',
    version: 'test',
    settings: openFileSettings(scratchFolder()),
    forgeGateway: options.gateway ?? standIn.url,
    testOnlyGatewayCaCertificates: [standIn.ca],
  });
  benches.push(workbench);
  const manifest = options.appId === null ? oneFunctionManifest().replace(/^app:\n {2}id: .*\n/m, 'app:\n') : manifestWithId(options.appId ?? STAND_IN_APP_ID);
  const app = smallApp(manifest, 'export const main = () => 1;');
  expect(await dispatchCall(workbench, 'openApp', { folder: app })).toMatchObject({ ok: true });
  return { workbench, app };
}

async function overview(workbench: Workbench, refresh = true): Promise<CloudOverview> {
  const answer = await dispatchCall(workbench, 'getCloudOverview', { refresh });
  if (!answer.ok) throw new Error(answer.error.message);
  expect(JSON.stringify(answer)).not.toContain(STAND_IN_LOGIN.token);
  return answer.value as CloudOverview;
}

describe('getCloudOverview: the open app on the Forge platform', () => {
  it('lists the environments, the installations with site, product, environment and version, and the versions of each environment', async () => {
    const { workbench } = await workbenchFor();
    const answer = await overview(workbench);
    expect(answer).toMatchObject({ status: 'ready', message: null, appId: STAND_IN_APP_ID, account: STAND_IN_LOGIN.email });
    expect(answer.environments.map((environment) => environment.name)).toEqual(['development', 'staging', 'production', 'alex']);
    expect(answer.installations.map(({ site, product, environment, version, isLatest }) => [site, product, environment, version, isLatest])).toEqual([
      ['acme-staging.atlassian.net', 'jira', 'staging', '4.2.0', true],
      ['acme-dev.atlassian.net', 'confluence', 'development', '7.0.3', false],
    ]);
    expect(answer.versions.find((entry) => entry.environment === 'staging')?.versions.map((version) => version.version)).toEqual(['4.2.0', '4.1.0', '3.0.0']);
  });

  it('reuses a recent answer unless asked to refresh', async () => {
    const { workbench } = await workbenchFor();
    await overview(workbench);
    const asked = standIn!.requests.length;
    await overview(workbench, false);
    expect(standIn!.requests.length).toBe(asked);
    await overview(workbench, true);
    expect(standIn!.requests.length).toBeGreaterThan(asked);
  });

  it('says there is no login and points at the Credentials pane, without asking the platform', async () => {
    const { workbench } = await workbenchFor({ token: null });
    expect(await overview(workbench)).toMatchObject({ status: 'no-login', message: expect.stringContaining('Credentials pane'), installations: [] });
    expect(standIn!.requests).toEqual([]);
  });

  it('says when the platform refuses the token (401), with what to do', async () => {
    const { workbench } = await workbenchFor({ token: 'ATATT3xRefused-5678' });
    const answer = await overview(workbench);
    expect(answer).toMatchObject({ status: 'token-refused', message: expect.stringContaining('API token'), environments: [] });
    expect(JSON.stringify(answer)).not.toContain('ATATT3xRefused-5678');
  });

  it('says when the platform cannot be reached, and that nothing local is affected', async () => {
    const closed = await startForgePlatformStandIn({ login: STAND_IN_LOGIN });
    const url = closed.url;
    await closed.close();
    const { workbench } = await workbenchFor({ gateway: url });
    expect(await overview(workbench)).toMatchObject({ status: 'offline', message: expect.stringMatching(/cannot be reached.*Nothing local is affected/) });
    // The app itself still answers.
    expect(await dispatchCall(workbench, 'readManifest', undefined)).toMatchObject({ ok: true });
  });

  it('says when it is rate limited, with the wait, and does not ask again before the wait ends', async () => {
    const { workbench } = await workbenchFor();
    standIn!.failNext({ kind: 'status', status: 429, retryAfter: '120' });
    const before = Date.now();
    const answer = await overview(workbench);
    expect(answer).toMatchObject({ status: 'rate-limited', message: expect.stringContaining('2 min') });
    expect(answer.retryAt).toBeGreaterThanOrEqual(before + 120_000);
    const asked = standIn!.requests.length;
    expect(await overview(workbench, true)).toMatchObject({ status: 'rate-limited' });
    expect(standIn!.requests.length).toBe(asked);
  });

  it('no answer holds the token, even when the platform echoes it in an error', async () => {
    const { workbench } = await workbenchFor();
    const basic = Buffer.from(`${STAND_IN_LOGIN.email}:${STAND_IN_LOGIN.token}`).toString('base64');
    standIn!.failNext({ kind: 'graphql-errors', errors: [{ message: `token ${STAND_IN_LOGIN.token} in Basic ${basic} is odd`, extensions: { statusCode: 400 } }] });
    const answer = await overview(workbench);
    expect(answer).toMatchObject({ status: 'failed', message: expect.stringContaining('is odd') });
    expect(JSON.stringify(answer)).not.toContain(basic);
  });

  it('says when the platform knows no such app for this account', async () => {
    const { workbench } = await workbenchFor({ appId: 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000' });
    expect(await overview(workbench)).toMatchObject({ status: 'app-not-found', message: expect.stringContaining('app.id in manifest.yml') });
  });

  it('says the manifest has no app id, or a placeholder, and reads the id again once forge register wrote it', async () => {
    const { workbench, app } = await workbenchFor({ appId: null });
    expect(await overview(workbench)).toMatchObject({ status: 'no-app-id', message: expect.stringContaining('forge register') });
    writeFileSync(path.join(app, 'manifest.yml'), manifestWithId('ari:cloud:ecosystem::app/<your-app-id>'));
    expect(await overview(workbench)).toMatchObject({ status: 'no-app-id', message: expect.stringContaining('placeholder') });
    expect(standIn!.requests).toEqual([]);
    writeFileSync(path.join(app, 'manifest.yml'), manifestWithId(STAND_IN_APP_ID));
    expect(await overview(workbench)).toMatchObject({ status: 'ready' });
  });
});

describe('the version an installation runs, as the consent base', () => {
  it('compares the manifest with the installed version, labelled with its site and environment', async () => {
    const { workbench } = await workbenchFor();
    const text = manifestWithId(STAND_IN_APP_ID).replace('  scopes: []', '  scopes:\n    - read:jira-work\n    - write:jira-work');
    const answer = await dispatchCall(workbench, 'previewConsent', { text, base: { kind: 'installation', installation: 'inst-1' } });
    expect(answer).toMatchObject({
      ok: true,
      value: { upgrade: { base: 'version 4.2.0 installed on acme-staging.atlassian.net (staging)', major: true, reasons: ['adds the scope write:jira-work'] } },
    });
  });

  it('names an installation the platform does not have, and what to do', async () => {
    const { workbench } = await workbenchFor();
    const answer = await dispatchCall(workbench, 'previewConsent', { text: manifestWithId(STAND_IN_APP_ID), base: { kind: 'installation', installation: 'inst-gone' } });
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no installation inst-gone.*Refresh the Cloud pane/) } });
  });
});

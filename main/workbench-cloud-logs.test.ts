import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CloudFollowStatus, LogLine } from '../common/types';
import { dispatchCall } from './contract';
import { openFileSettings } from './settings';
import {
  oneFunctionManifest,
  sampleCloudApp,
  sampleLogLines,
  scratchFolder,
  smallApp,
  STAGING_ENVIRONMENT_ID,
  STAND_IN_APP_ID,
  STAND_IN_LOGIN,
  startForgePlatformStandIn,
  type ForgePlatformStandIn,
} from './testing';
import { Workbench } from './workbench';

let standIn: ForgePlatformStandIn | null = null;
const benches: Workbench[] = [];
afterEach(async () => {
  benches.splice(0).forEach((bench) => bench.close());
  vi.unstubAllEnvs();
  await standIn?.close();
  standIn = null;
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function workbenchFollowing(token: string) {
  standIn = await startForgePlatformStandIn({
    login: STAND_IN_LOGIN,
    app: sampleCloudApp(),
    logs: sampleLogLines(4, STAGING_ENVIRONMENT_ID, Date.now() - 5 * 60_000).map((line) => ({ ...line, other: undefined })),
  });
  vi.stubEnv('FORGE_EMAIL', STAND_IN_LOGIN.email);
  vi.stubEnv('FORGE_API_TOKEN', token);
  // No data folder: no vault, so the login comes from the environment as the Forge CLI reads it.
  const workbench = new Workbench({ shell: 'web', version: 'test', settings: openFileSettings(scratchFolder()), forgeGateway: standIn.url, testOnlyGatewayCaCertificates: [standIn.ca] });
  benches.push(workbench);
  const events: string[] = [];
  const states: CloudFollowStatus[] = [];
  const lines: LogLine[] = [];
  workbench.streams.follow((event) => {
    events.push(JSON.stringify(event));
    if (event.stream === 'cloudFollowState') states.push(event.payload as CloudFollowStatus);
    if (event.stream === 'logLines' && (event.payload as { environment: string }).environment === 'cloud:staging') lines.push(...(event.payload as { lines: LogLine[] }).lines);
  });
  const app = smallApp(oneFunctionManifest().replace('app/00000000-0000-0000-0000-000000000001', STAND_IN_APP_ID.slice(STAND_IN_APP_ID.indexOf('app/'))), 'export const main = () => 1;');
  expect(await dispatchCall(workbench, 'openApp', { folder: app })).toMatchObject({ ok: true });
  return { workbench, events, states, lines };
}

describe('following cloud logs in the workbench', () => {
  it('followCloudLogs stores an environment’s cloud lines, streams them live with the follower’s state, and stopFollowingCloudLogs stops it', async () => {
    const { workbench, events, states, lines } = await workbenchFollowing(STAND_IN_LOGIN.token);
    expect(await dispatchCall(workbench, 'followCloudLogs', { environment: 'staging' })).toMatchObject({ ok: true, value: { environment: 'staging', status: 'starting' } });
    await until(() => lines.length === 4);
    expect(lines.map((line) => [line.message, line.source, line.appVersion])).toEqual(['line 0', 'line 1', 'line 2', 'line 3'].map((message) => [message, 'cloud', '4.2.0']));
    await until(() => states.some((state) => state.status === 'following'));
    const page = await dispatchCall(workbench, 'queryLogs', { environment: 'cloud:staging', text: 'line' });
    expect(page).toMatchObject({ ok: true, value: { lines: expect.arrayContaining([expect.objectContaining({ message: 'line 3', source: 'cloud' })]) } });
    expect(await dispatchCall(workbench, 'stopFollowingCloudLogs', { environment: 'staging' })).toMatchObject({ ok: true, value: { status: 'stopped', reason: 'stopped', linesStored: 4 } });
    expect(events.filter((event) => event.includes(STAND_IN_LOGIN.token))).toEqual([]);
  });

  it('says when the platform refuses the token, and stops', async () => {
    const { workbench, states, events } = await workbenchFollowing('ATATT3xRefused-1234');
    await dispatchCall(workbench, 'followCloudLogs', { environment: 'staging' });
    await until(() => states.some((state) => state.status === 'stopped'));
    expect(states.at(-1)).toMatchObject({ environment: 'staging', status: 'stopped', reason: 'unauthorized', message: expect.stringMatching(/forge login/) });
    expect(events.filter((event) => event.includes('ATATT3xRefused-1234'))).toEqual([]);
  });
});

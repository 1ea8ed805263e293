import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../database';
import { AppRunner } from '../runner';
import { sampleAppCopy, scratchFolder, smallApp } from '../testing';
import { AppTriggers } from './app-triggers';
import type { TriggerLogLine } from './types';

const open: { close: () => Promise<void> | void }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

function triggersFor(folder: string) {
  const db = openAppDatabase(null);
  const logs: { environment: string; line: TriggerLogLine }[] = [];
  const late: { triggers: AppTriggers | null } = { triggers: null };
  const runner = new AppRunner(folder, { db, dataDir: scratchFolder(), platform: (call) => (late.triggers ? late.triggers.answer(call) : Promise.resolve(null)) });
  const triggers = new AppTriggers({ appFolder: folder, db, runner, log: (environment, line) => logs.push({ environment, line }) });
  late.triggers = triggers;
  open.push({ close: () => void db.close() }, runner, triggers);
  return { runner, triggers, logs };
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('the sample app\u2019s triggers', () => {
  it('serves the web trigger on loopback: a real HTTP request is recorded in storage', async () => {
    const { triggers, runner } = triggersFor(sampleAppCopy());
    const view = await triggers.view('development');
    const hook = view.webTriggers.find((trigger) => trigger.moduleKey === 'deployment-webhook')!;
    expect(hook.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/x1\/[\w-]+$/);
    expect(hook.curl).toContain(`curl -i -X POST '${hook.url}'`);
    const response = await fetch(hook.url, { method: 'POST', body: JSON.stringify({ version: '5.0.0', environment: 'ci' }) });
    expect(response.status).toBe(204);
    expect(await runner.storage('development')).toContainEqual(expect.objectContaining({ key: 'last-deployment', value: expect.objectContaining({ version: '5.0.0' }) }));
    const bad = await fetch(hook.url, { method: 'POST', body: 'not json' });
    expect([bad.status, await bad.text()]).toEqual([400, 'Send a JSON body: {"version": "...", "environment": "..."}']);
  });

  it('runs the scheduled trigger now with the platform payload, and shows its interval and next run', async () => {
    const { triggers } = triggersFor(sampleAppCopy());
    const before = await triggers.view('development');
    expect(before.schedules).toEqual([expect.objectContaining({ moduleKey: 'daily-release-check', interval: 'day', paused: false, installation: 'local-jira' })]);
    expect(before.schedules[0]!.nextRunAt - before.clockNow).toBeGreaterThan(86_000_000);
    const outcome = await triggers.runSchedule('development', undefined, 'daily-release-check');
    // Offline here: the app's own warning, and the platform records a success (no result).
    expect(outcome.status).toBe('ok');
    expect((await triggers.view('development')).schedules[0]!.lastRun).toMatchObject({ recordedStatus: 204 });
  });

  it('delivers an issue-created event, whose function queues the issue for the consumer, which stores it', async () => {
    const { triggers, runner } = triggersFor(sampleAppCopy());
    const event = await triggers.eventTemplate('development', undefined, 'avi:jira:created:issue');
    const [delivery] = await triggers.fireEvent('development', undefined, 'avi:jira:created:issue', event);
    expect(delivery).toMatchObject({ moduleKey: 'issue-created-listener', delivered: true, outcome: { status: 'ok' } });
    expect(delivery!.outcome!.calls).toContainEqual(expect.objectContaining({ target: 'queue radar-updates', allowed: true }));
    const issueKey = (event as { issue: { key: string } }).issue.key;
    await until(async () => JSON.stringify(await runner.storage('development')).includes(issueKey), 'the consumer to store the issue');
    // The job is marked done when the consumer's invocation has ended, a moment after its storage write.
    await until(async () => (await triggers.view('development')).jobs[0]?.state !== 'running', 'the consumer to finish');
    expect((await triggers.view('development')).jobs[0]).toMatchObject({ consumerKey: 'radar-consumer', state: 'done' });
  });

  it('reports an event whose function throws as failed, with the error, in the delivery and the log', async () => {
    const { triggers, logs } = triggersFor(sampleAppCopy());
    // No issue in the event: the sample's onIssueCreated reads event.issue.key and throws.
    const [delivery] = await triggers.fireEvent('development', undefined, 'avi:jira:created:issue', { eventType: 'avi:jira:created:issue' });
    expect(delivery).toMatchObject({ moduleKey: 'issue-created-listener', outcome: { status: 'error' }, error: expect.stringContaining("Cannot read properties of undefined (reading 'key')") });
    expect(logs).toContainEqual(
      expect.objectContaining({ line: expect.objectContaining({ level: 'error', message: expect.stringMatching(/avi:jira:created:issue failed at issue-created-listener: TypeError/) }) }),
    );
    const event = await triggers.eventTemplate('development', undefined, 'avi:jira:created:issue');
    const [handled] = await triggers.fireEvent('development', undefined, 'avi:jira:created:issue', event);
    expect(handled).toMatchObject({ delivered: true, error: null });
  });

  it('does not deliver the event once read:jira-work is removed, and the log says which scope is missing', async () => {
    const folder = sampleAppCopy();
    const manifest = path.join(folder, 'manifest.yml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('    - read:jira-work\n', ''));
    const { triggers, logs } = triggersFor(folder);
    const event = await triggers.eventTemplate('development', undefined, 'avi:jira:created:issue');
    const [delivery] = await triggers.fireEvent('development', undefined, 'avi:jira:created:issue', event);
    expect(delivery).toMatchObject({ delivered: false, outcome: null, reason: expect.stringContaining('read:jira-work') });
    expect(logs.map((entry) => entry.line.message)).toContainEqual(expect.stringMatching(/avi:jira:created:issue not delivered to issue-created-listener: .*read:jira-work/));
  });
});

describe('web trigger URLs from app code', () => {
  it('webTrigger.getUrl() returns the local URL of that trigger', async () => {
    const folder = smallApp(
      `modules:
  webtrigger:
    - key: inbound
      function: hook
  function:
    - key: hook
      handler: index.hook
    - key: where
      handler: index.where
permissions:
  scopes: []
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000009
  runtime:
    name: nodejs22.x
`,
      `import { webTrigger } from '@forge/api';
export const hook = async () => ({ statusCode: 200, body: 'hi' });
export const where = async () => ({ url: await webTrigger.getUrl('inbound') });
`,
    );
    const { triggers, runner } = triggersFor(folder);
    const outcome = await runner.run({ functionKey: 'where' });
    expect(outcome.error).toBeNull();
    const expected = (await triggers.view('development')).webTriggers[0]!.url;
    expect(outcome.result).toEqual({ url: expected });
    expect(await (await fetch(expected)).text()).toBe('hi');
  });
});

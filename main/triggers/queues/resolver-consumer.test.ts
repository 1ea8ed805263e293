import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../database';
import { AppRunner } from '../../runner';
import { scratchFolder, smallApp } from '../../testing';
import { AppTriggers } from '../app-triggers';

const open: { close: () => Promise<void> | void }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

// A consumer in resolver form, as public apps declare it: the platform runs the function's resolver
// definition named by `method` with the event; other definitions of the same resolver stay untouched.
const manifest = `
modules:
  consumer:
    - key: work-consumer
      queue: work
      resolver:
        function: consumer-fn
        method: work-listener
  function:
    - key: pusher
      handler: index.push
    - key: consumer-fn
      handler: index.consumer
permissions:
  scopes:
    - storage:app
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000017
  runtime:
    name: nodejs22.x
`;

const source = `
import Resolver from '@forge/resolver';
import { Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
const queue = new Queue({ key: 'work' });
export async function push({ items }) {
  const { jobId } = await queue.push(items.map((item) => ({ body: { item } })));
  return jobId;
}
const resolver = new Resolver();
resolver.define('work-listener', async ({ payload, context }) => {
  await kvs.set('done:' + payload.item, { item: payload.item, jobId: context.jobId });
});
resolver.define('other-listener', async () => {
  await kvs.set('wrong-method', true);
});
export const consumer = resolver.getDefinitions();
`;

function triggersFor(folder: string) {
  const db = openAppDatabase(null);
  const late: { triggers: AppTriggers | null } = { triggers: null };
  const runner = new AppRunner(folder, { db, dataDir: scratchFolder(), platform: (call) => (late.triggers ? late.triggers.answer(call) : Promise.resolve(null)) });
  const triggers = new AppTriggers({ appFolder: folder, db, runner, log: () => undefined });
  late.triggers = triggers;
  open.push({ close: () => void db.close() }, runner, triggers);
  return { runner, triggers };
}

/** Waits for a condition the queue reaches on its own; generous, so a slow machine only waits longer. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 1200; tries += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('consumers in resolver form', () => {
  it('runs the resolver method named in the manifest with each pushed event, and the job id in its context', async () => {
    const { runner, triggers } = triggersFor(smallApp(manifest, source));
    const pushed = await runner.run({ functionKey: 'pusher', payload: { items: ['a', 'b'] } });
    expect(pushed).toMatchObject({ status: 'ok', result: expect.any(String) });
    const jobId = pushed.result as string;
    const stored = async () => (await runner.storage('development')).filter((entry) => entry.key.startsWith('done:'));
    await until(async () => (await stored()).length === 2, 'both events to be consumed');
    expect((await stored()).map((entry) => entry.value)).toEqual([
      { item: 'a', jobId },
      { item: 'b', jobId },
    ]);
    expect((await runner.storage('development')).some((entry) => entry.key === 'wrong-method')).toBe(false);
    await until(async () => (await triggers.view('development')).jobs.every((job) => job.state === 'done'), 'the jobs to be done');
    expect((await triggers.view('development')).jobs).toHaveLength(2);
  });

  it('says which key to add when a resolver consumer names no method', async () => {
    const { runner } = triggersFor(smallApp(manifest.replace('        method: work-listener\n', ''), source));
    await expect(runner.run({ functionKey: 'consumer-fn', moduleKey: 'work-consumer', payload: { body: { item: 'x' } } })).rejects.toThrow(/no resolver\.method/);
  });
});

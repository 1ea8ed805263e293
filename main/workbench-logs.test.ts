import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine, LogPage } from '../common/types';
import { runCli } from './cli';
import type { CommandIO } from './commands';
import { dispatchCall } from './contract';
import { openFileSettings } from './settings';
import { noisyApp, scratchFolder } from './testing';
import { Workbench } from './workbench';

const benches: Workbench[] = [];
afterEach(() => benches.splice(0).forEach((bench) => bench.close()));

async function openWorkbench() {
  const app = noisyApp();
  const dataDir = scratchFolder();
  const workbench = new Workbench({ shell: 'web', version: 'test', settings: openFileSettings(dataDir), dataDir });
  benches.push(workbench);
  const streamed: LogLine[] = [];
  workbench.streams.follow((event) => {
    if (event.stream === 'logLines') streamed.push(...(event.payload as { lines: LogLine[] }).lines);
  });
  const call = async <T>(method: string, request?: unknown): Promise<T> => {
    const outcome = (await dispatchCall(workbench, method, request)) as { ok: boolean; value?: T; error?: { message: string } };
    if (!outcome.ok) throw new Error(outcome.error?.message);
    return outcome.value as T;
  };
  await call('openApp', { folder: app });
  return { app, dataDir, call, streamed };
}

describe('logs of the open app', () => {
  it('stores every line of an invocation as it runs, streams it, and finds it by level, text and invocation', async () => {
    const { call, streamed } = await openWorkbench();
    const run = await call<{ invocationId: string }>('runFunction', { functionKey: 'noisy', payload: { issue: 'DEMO-7' } });
    expect(streamed.map((line) => line.message)).toEqual(['checking DEMO-7', 'slow answer from Jira', 'token was undefined']);
    expect(streamed[0]).toMatchObject({ environment: 'development', invocationId: run.invocationId, functionKey: 'resolver', installation: 'local-jira' });
    const warnings = await call<LogPage>('queryLogs', { environment: 'development', levels: ['warn', 'error'] });
    expect(warnings.lines.map((line) => line.level)).toEqual(['error', 'warn']);
    expect((await call<LogPage>('queryLogs', { environment: 'development', text: 'Jira' })).lines.map((line) => line.message)).toEqual(['slow answer from Jira']);
    expect((await call<LogPage>('queryLogs', { environment: 'staging' })).lines).toEqual([]);
    const timeline = await call<{ summary: { status: string; functionKey: string }; lines: LogLine[]; result: unknown }>('getInvocationTimeline', { invocationId: run.invocationId });
    expect(timeline).toMatchObject({ summary: { status: 'ok', functionKey: 'resolver' }, result: 'done' });
    expect(timeline.lines).toHaveLength(3);
    const exported = await call<{ text: string }>('exportLogs', { environment: 'development', format: 'jsonl' });
    expect(Object.keys(JSON.parse(exported.text.split('\n')[0]!) as object)).toEqual(['ts', 'env', 'level', 'message', 'invocationId', 'functionKey', 'moduleKey', 'installation']);
  });

  it('withholds the lines of an installation whose admin turned log access off, and says how many', async () => {
    const { call } = await openWorkbench();
    await call('setInstallationLogAccess', { environment: 'development', installation: 'local-jira', on: false });
    await call('runFunction', { functionKey: 'noisy', payload: { issue: 'DEMO-2' } });
    const page = await call<LogPage>('queryLogs', { environment: 'development' });
    expect(page.lines).toEqual([]);
    expect(page.withheld).toEqual([{ installation: 'local-jira', count: 3 }]);
  });

  it('logs --follow in another process sees lines the workbench writes', async () => {
    const { app, dataDir, call } = await openWorkbench();
    const out: string[] = [];
    let release!: () => void;
    const seen = new Promise<void>((resolve) => (release = resolve));
    const io: CommandIO = {
      out: (line) => {
        out.push(line);
        if (out.some((text) => text.includes('slow answer from Jira'))) release();
      },
      err: () => undefined,
      untilInterrupted: () => seen,
    };
    const following = runCli(['logs', app, '--follow', '--json', '--data-dir', dataDir], io);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await call('runFunction', { functionKey: 'noisy', payload: { issue: 'DEMO-9' } });
    expect(await following).toBe(0);
    expect(out.map((line) => (JSON.parse(line) as { message: string }).message).slice(0, 2)).toEqual(['checking DEMO-9', 'slow answer from Jira']);
  });

  it('keeps the retention setting between launches and refuses one out of range', async () => {
    const { call, dataDir } = await openWorkbench();
    expect(await call('getLogRetention')).toEqual({ days: 30 });
    await expect(call('setLogRetention', { days: 400 })).rejects.toThrow(/days/);
    expect(await call('setLogRetention', { days: 7 })).toEqual({ days: 7 });
    expect(openFileSettings(dataDir).get('logRetentionDays')).toBe(7);
  });
});

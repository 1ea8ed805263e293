import { beforeEach, describe, expect, it } from 'vitest';
import type { AnvilBridge, AnvilStreams } from '../../../common/api';
import { clearNotices, currentNotices } from '../../ui/notifications/notifications';
import { cliErrorLines, forgeRun, startForgeRun } from './forgeRuns';

/** A bridge whose runForgeCli answers after the CLI has already printed and exited, as a fast failure does. */
function fastFailingBridge(terminalId: string) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const emit = <S extends keyof AnvilStreams>(stream: S, payload: AnvilStreams[S]) => listeners.get(stream)?.forEach((listener) => listener(payload));
  const bridge = {
    subscribe: (stream: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(stream) ?? new Set();
      listeners.set(stream, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    runForgeCli: async () => {
      emit('terminalOutput', { terminalId, data: 'ℹ Uploading app\r\n\u001b[31mError: Deployment failed: the manifest is invalid\u001b[39m\r\n' });
      emit('terminalExit', { terminalId, exitCode: 1 });
      return { terminalId, commandLine: 'forge deploy --environment staging --non-interactive' };
    },
  };
  return bridge as unknown as AnvilBridge;
}

describe('Forge CLI runs in the page', () => {
  beforeEach(() => clearNotices());

  it('keeps what the CLI printed before its run was answered, and tells with a notice that it failed and why', async () => {
    let shown = 0;
    await startForgeRun(fastFailingBridge('terminal-41'), { command: 'deploy', environment: 'staging', cols: 100, rows: 30 }, 'forge deploy to staging', () => shown++);
    expect(forgeRun('terminal-41')).toMatchObject({ exitCode: 1, output: expect.stringContaining('Uploading app') });
    expect(currentNotices()).toMatchObject([
      { kind: 'error', message: 'forge deploy to staging failed (exit status 1): Error: Deployment failed: the manifest is invalid', action: { label: 'Show terminal' } },
    ]);
    expect(shown).toBe(1);
  });

  it('finds the CLI’s error lines without their colours', () => {
    expect(cliErrorLines('ok\r\n\u001b[31mError: Not logged in\u001b[39m\r\nmore\n✖ Deploy failed\n')).toEqual(['Error: Not logged in', '✖ Deploy failed']);
  });
});

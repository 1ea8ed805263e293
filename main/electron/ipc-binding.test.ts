import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannelForCall } from '../../common/api';
import type { Workbench } from '../workbench';
import { bindIpc, senderRefusal } from './ipc-binding';

type Handler = (event: unknown, request: unknown) => Promise<unknown>;

// Electron cannot start here; a stand-in ipcMain records the handlers the binding registers, so the
// test drives the binding's real handler with the sender frames an attacker could produce.
const ipc = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => ipc.handlers.set(channel, handler),
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
}));

const WORKBENCH_INFO = { shell: 'electron', version: '0.0.0-test' };

function bound() {
  const answered: string[] = [];
  const log: string[] = [];
  const workbench = {
    getWorkbenchInfo: async () => {
      answered.push('getWorkbenchInfo');
      return WORKBENCH_INFO;
    },
  } as unknown as Workbench;
  const unbind = bindIpc(workbench, (line) => log.push(line));
  const call = (senderFrame: unknown) => ipc.handlers.get(ipcChannelForCall('getWorkbenchInfo'))!({ senderFrame }, undefined);
  return { answered, log, unbind, call };
}

const mainFrame = (url: string) => ({ url, parent: null });
const subFrame = (url: string) => ({ url, parent: mainFrame('anvil://workbench/index.html') });

beforeEach(() => ipc.handlers.clear());

describe('the desktop IPC binding', () => {
  it('answers a call from the main frame of a workbench page', async () => {
    const { call, answered, log } = bound();
    expect(await call(mainFrame('anvil://workbench/index.html'))).toEqual({ ok: true, value: WORKBENCH_INFO });
    expect(await call(mainFrame('anvil://workbench/'))).toEqual({ ok: true, value: WORKBENCH_INFO });
    expect(answered).toHaveLength(2);
    expect(log).toEqual([]);
  });

  it.each([
    ['a sub-frame of the workbench (an app preview)', subFrame('anvil://workbench/index.html'), 'a sub-frame (anvil://workbench/index.html)'],
    ['a sub-frame on a loopback server', subFrame('http://127.0.0.1:4000/'), 'a sub-frame (http://127.0.0.1:4000/)'],
    ['a main frame navigated to a file', mainFrame('file:///home/dev/evil.html'), 'a foreign page (file:///home/dev/evil.html)'],
    ['a main frame navigated to a loopback server', mainFrame('http://127.0.0.1:4000/'), 'a foreign page (http://127.0.0.1:4000/)'],
    ['a look-alike host', mainFrame('anvil://workbench.evil/index.html'), 'a foreign page (anvil://workbench.evil/index.html)'],
    ['a look-alike scheme', mainFrame('https://workbench/index.html'), 'a foreign page (https://workbench/index.html)'],
    ['a frame that is gone', null, 'a frame that is gone'],
  ])('refuses and logs a call from %s, without running it', async (_label, frame, reason) => {
    const { call, answered, log } = bound();
    expect(await call(frame)).toEqual({ ok: false, error: { code: 'bad-request', message: 'Refused: calls are accepted only from the workbench window' } });
    expect(answered).toEqual([]);
    expect(log).toEqual([`desktop shell: refused getWorkbenchInfo from ${reason}`]);
  });

  it('registers one handler per call and removes them all when unbound', () => {
    const { unbind } = bound();
    expect(ipc.handlers.has(ipcChannelForCall('openTerminal'))).toBe(true);
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('decides on the frame alone, refusing a frame without a parent field', () => {
    expect(senderRefusal(mainFrame('anvil://workbench/index.html'))).toBeNull();
    expect(senderRefusal({ url: 'anvil://workbench/index.html', parent: undefined })).toContain('a sub-frame');
  });
});

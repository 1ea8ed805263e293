/**
 * The desktop renderer's only door to the core: `window.anvil`, one method per contract call plus
 * `subscribe` for streams. No raw ipcRenderer, no Node, nothing else crosses.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, IPC_STREAM_CHANNEL, ipcChannelForCall, STREAM_NAMES, type AnvilBridge, type StreamName } from '../common/api';
import type { CallOutcome } from '../common/types';

const knownStreams: ReadonlySet<string> = new Set(STREAM_NAMES);
const bridge: Record<string, unknown> = {};

for (const method of CALL_NAMES) {
  bridge[method] = async (request?: unknown) => {
    const outcome = (await ipcRenderer.invoke(ipcChannelForCall(method), request)) as CallOutcome<unknown>;
    if (outcome.ok) return outcome.value;
    // Only the message survives the context bridge, so the code travels inside it.
    throw new Error(`[${outcome.error.code}] ${outcome.error.message}`);
  };
}

bridge.subscribe = (stream: StreamName, listener: (payload: unknown) => void) => {
  if (!knownStreams.has(stream)) throw new Error(`[bad-request] Unknown stream ${String(stream)}; known: ${STREAM_NAMES.join(', ')}`);
  const handler = (_event: unknown, name: string, payload: unknown) => {
    if (name === stream) listener(payload);
  };
  ipcRenderer.on(IPC_STREAM_CHANNEL, handler);
  return () => void ipcRenderer.removeListener(IPC_STREAM_CHANNEL, handler);
};

contextBridge.exposeInMainWorld('anvil', bridge as unknown as AnvilBridge);

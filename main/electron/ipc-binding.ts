import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CALL_NAMES, IPC_STREAM_CHANNEL, ipcChannelForCall } from '../../common/api';
import { dispatchCall } from '../contract';
import type { Workbench } from '../workbench';
import { isWorkbenchUrl } from './app-protocol';

/**
 * Serve the contract over IPC: one channel per call. Calls are accepted only from the main frame
 * of a workbench page; anything else (a sub-frame, a navigated page) is refused and logged.
 */
export function bindIpc(workbench: Workbench, log: (line: string) => void): () => void {
  for (const method of CALL_NAMES) {
    ipcMain.handle(ipcChannelForCall(method), async (event: IpcMainInvokeEvent, request: unknown) => {
      const refusal = senderRefusal(event);
      if (refusal) {
        log(`desktop shell: refused ${method} from ${refusal}`);
        return { ok: false, error: { code: 'bad-request', message: `Refused: calls are accepted only from the workbench window` } };
      }
      return dispatchCall(workbench, method, request);
    });
  }
  return () => CALL_NAMES.forEach((method) => ipcMain.removeHandler(ipcChannelForCall(method)));
}

/** Forward every stream event to one window, for as long as it lives. */
export function forwardStreams(workbench: Workbench, contents: WebContents): void {
  const stop = workbench.streams.follow((event) => {
    if (!contents.isDestroyed()) contents.send(IPC_STREAM_CHANNEL, event.stream, event.payload);
  });
  contents.once('destroyed', stop);
}

function senderRefusal(event: IpcMainInvokeEvent): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'a frame that is gone';
  if (frame.parent !== null) return `a sub-frame (${frame.url})`;
  if (!isWorkbenchUrl(frame.url)) return `a foreign page (${frame.url})`;
  return null;
}

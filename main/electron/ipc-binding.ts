import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CALL_NAMES, IPC_STREAM_CHANNEL, ipcChannelForCall } from '../../common/api';
import { dispatchCall } from '../contract';
import type { Workbench } from '../workbench';
import { isWorkbenchUrl } from './app-protocol';

/** What the sender check needs to know of the frame a call came from (Electron's WebFrameMain, or null once it is gone). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Serve the contract over IPC: one channel per call. Calls are accepted only from the main frame
 * of a workbench page; anything else (a sub-frame, a navigated page) is refused and logged.
 */
export function bindIpc(workbench: Workbench, log: (line: string) => void): () => void {
  for (const method of CALL_NAMES) {
    ipcMain.handle(ipcChannelForCall(method), async (event: IpcMainInvokeEvent, request: unknown) => {
      const refusal = senderRefusal(event.senderFrame);
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

/** Why a call from this frame is refused, or null when it is the main frame of a workbench page. */
export function senderRefusal(frame: SenderFrame | null | undefined): string | null {
  if (!frame) return 'a frame that is gone';
  if (frame.parent !== null) return `a sub-frame (${frame.url})`;
  if (!isWorkbenchUrl(frame.url)) return `a foreign page (${frame.url})`;
  return null;
}

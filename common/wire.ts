/** Messages of the web shell's WebSocket binding (the desktop shell uses Electron IPC instead). */
import type { StreamName } from './api';
import type { CallOutcome } from './types';

/** Renderer → core: one call. */
export interface CallMessage {
  kind: 'call';
  id: number;
  method: string;
  request?: unknown;
}

/** Core → renderer: the outcome of a call. `id` is null when the message could not be read at all. */
export interface ReplyMessage {
  kind: 'reply';
  id: number | null;
  outcome: CallOutcome<unknown>;
}

/** Core → renderer: one stream event. */
export interface StreamMessage {
  kind: 'stream';
  stream: StreamName;
  payload: unknown;
}

/** Path of the WebSocket endpoint on the web shell. */
export const WEB_SOCKET_PATH = '/anvil-socket';

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

/** Where a page trades the one-time launch token for its session secret (POST, JSON). */
export const WEB_SESSION_PATH = '/anvil-session';

/** Subprotocol the web shell speaks; the server answers with it so browsers accept the upgrade. */
export const WEB_SOCKET_PROTOCOL = 'anvil';

/**
 * A WebSocket proves its session by offering one more subprotocol, this prefix plus the secret.
 * Browsers never attach it by themselves (unlike cookies), so no other page or port can replay it.
 */
export const WEB_SESSION_PROTOCOL_PREFIX = 'anvil-session.';

/** Largest WebSocket message either side sends or accepts; larger frames close the connection (1009). */
export const MAX_WEB_SOCKET_MESSAGE_BYTES = 16 * 1024 * 1024;

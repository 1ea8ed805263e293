import { CALL_NAMES, type AnvilBridge, type AnvilStreams, type StreamName } from '../../common/api';
import { WEB_SOCKET_PATH, type CallMessage, type ReplyMessage, type StreamMessage } from '../../common/wire';
import { BridgeError } from './bridge-error';

type Pending = { resolve: (value: unknown) => void; reject: (error: BridgeError) => void };

/** The contract over the web shell's WebSocket (the token travels in the page's cookie). */
export async function connectWebBridge(onDisconnect: () => void): Promise<AnvilBridge> {
  const socket = new WebSocket(`ws://${location.host}${WEB_SOCKET_PATH}`);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('the WebSocket was refused; open the URL Anvil printed, with its token')), { once: true });
  });

  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<StreamName, Set<(payload: never) => void>>();

  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as ReplyMessage | StreamMessage;
    if (message.kind === 'stream') {
      for (const listener of listeners.get(message.stream) ?? []) listener(message.payload as never);
      return;
    }
    if (message.id === null) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (!waiter) return;
    if (message.outcome.ok) waiter.resolve(message.outcome.value);
    else waiter.reject(new BridgeError(message.outcome.error.code, message.outcome.error.message));
  });
  socket.addEventListener('close', () => {
    for (const waiter of pending.values()) waiter.reject(new BridgeError('internal', 'Lost the connection to Anvil.'));
    pending.clear();
    onDisconnect();
  });

  const call = (method: string, request?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const message: CallMessage = { kind: 'call', id, method, request };
      socket.send(JSON.stringify(message));
    });

  const bridge: Record<string, unknown> = {};
  for (const method of CALL_NAMES) bridge[method] = (request?: unknown) => call(method, request);
  bridge.subscribe = <S extends StreamName>(stream: S, listener: (payload: AnvilStreams[S]) => void) => {
    const set = listeners.get(stream) ?? new Set();
    listeners.set(stream, set);
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  };
  return bridge as unknown as AnvilBridge;
}

import { CALL_NAMES, type AnvilBridge, type AnvilStreams, type StreamName } from '../../common/api';
import { WEB_SESSION_PROTOCOL_PREFIX, WEB_SOCKET_PATH, WEB_SOCKET_PROTOCOL, type CallMessage, type ReplyMessage, type StreamMessage } from '../../common/wire';
import { BridgeError } from './bridge-error';
import { oversizeProblem } from './message-size';
import { forgetWebSession, SESSION_REFUSED_MESSAGE, webSession } from './web-session';

type Pending = { resolve: (value: unknown) => void; reject: (error: BridgeError) => void };

/**
 * The contract over the web shell's WebSocket. The tab's session secret is offered as a
 * subprotocol: sent only because this code sends it, never attached by the browser on its own.
 */
export async function connectWebBridge(onDisconnect: () => void): Promise<AnvilBridge> {
  const session = await webSession();
  const socket = new WebSocket(`ws://${location.host}${WEB_SOCKET_PATH}`, [WEB_SOCKET_PROTOCOL, `${WEB_SESSION_PROTOCOL_PREFIX}${session}`]);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener(
      'error',
      () => {
        forgetWebSession();
        reject(new Error(SESSION_REFUSED_MESSAGE));
      },
      { once: true },
    );
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
  socket.addEventListener('close', (event) => {
    const why = event.code === 1009 ? 'Lost the connection to Anvil: a message was larger than the web shell accepts.' : 'Lost the connection to Anvil.';
    for (const waiter of pending.values()) waiter.reject(new BridgeError('internal', why));
    pending.clear();
    onDisconnect();
  });

  const call = (method: string, request?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      const message: CallMessage = { kind: 'call', id, method, request };
      const text = JSON.stringify(message);
      const tooLarge = oversizeProblem(method, text);
      if (tooLarge) return reject(new BridgeError('bad-request', tooLarge));
      pending.set(id, { resolve, reject });
      socket.send(text);
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

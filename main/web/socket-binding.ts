import type { WebSocket } from 'ws';
import type { AnvilCalls } from '../../common/api';
import type { CallMessage, ReplyMessage, StreamMessage } from '../../common/wire';
import { dispatchCall } from '../contract';
import type { StreamHub } from '../stream-hub';

/** Serve the contract over one WebSocket: validate each message, run it, forward streams. */
export function bindSocket(socket: WebSocket, calls: AnvilCalls, streams: StreamHub, log: (line: string) => void): void {
  const send = (message: ReplyMessage | StreamMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const stopFollowing = streams.follow((event) => send({ kind: 'stream', stream: event.stream, payload: event.payload }));
  socket.on('close', stopFollowing);
  // A frame that is not valid UTF-8, or larger than the cap, is an error on this connection only:
  // ws has already answered with a close code (1007, 1009); without a listener it would end the process.
  socket.on('error', (error) => log(`web shell: closed a WebSocket that sent a bad frame: ${error.message}`));

  socket.on('message', (data, isBinary) => {
    const parsed = isBinary ? null : readCallMessage(data.toString());
    if (typeof parsed === 'string') {
      log(`web shell: refused a message: ${parsed}`);
      send({ kind: 'reply', id: null, outcome: { ok: false, error: { code: 'bad-request', message: parsed } } });
      return;
    }
    if (parsed === null) {
      send({ kind: 'reply', id: null, outcome: { ok: false, error: { code: 'bad-request', message: 'Binary messages are not part of the contract' } } });
      return;
    }
    void dispatchCall(calls, parsed.method, parsed.request).then((outcome) => {
      if (!outcome.ok && outcome.error.code === 'unknown-method') log(`web shell: refused unknown method ${JSON.stringify(parsed.method).slice(0, 80)}`);
      send({ kind: 'reply', id: parsed.id, outcome });
    });
  });
}

/** Parse one text frame as a call message, or say what is wrong with it. */
export function readCallMessage(text: string): CallMessage | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'Message is not JSON; send {"kind":"call","id":<number>,"method":"<name>","request":{...}}';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'Message must be a JSON object';
  if (!('kind' in value) || value.kind !== 'call') return 'Message kind must be "call"';
  if (!('id' in value) || typeof value.id !== 'number' || !Number.isSafeInteger(value.id)) return 'Message id must be an integer';
  if (!('method' in value) || typeof value.method !== 'string') return 'Message method must be a string';
  return { kind: 'call', id: value.id, method: value.method, request: 'request' in value ? value.request : undefined };
}

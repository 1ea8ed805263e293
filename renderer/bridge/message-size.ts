import { MAX_WEB_SOCKET_MESSAGE_BYTES } from '../../common/wire';

const encoder = new TextEncoder();

/**
 * Why a call is too large for the web shell's socket, or null. The server closes a connection that
 * sends a larger frame, so such a call is refused here, with the way out, and never sent.
 */
export function oversizeProblem(method: string, message: string): string | null {
  // A UTF-16 code unit is at most 3 bytes of UTF-8: most messages need no encoding to be judged.
  if (message.length * 3 <= MAX_WEB_SOCKET_MESSAGE_BYTES) return null;
  const bytes = encoder.encode(message).length;
  if (bytes <= MAX_WEB_SOCKET_MESSAGE_BYTES) return null;
  const megabytes = (size: number) => `${(size / (1024 * 1024)).toFixed(1)} MB`;
  const fix = /manifest|consent/i.test(method)
    ? 'The platform accepts a manifest of at most 200 KB: move large content (translations, schemas, long descriptions) into resources, then paste again.'
    : 'Make it smaller and try again.';
  return `${method}: this request is ${megabytes(bytes)}, over the ${megabytes(MAX_WEB_SOCKET_MESSAGE_BYTES)} the web shell carries in one message, so Anvil did not send it. ${fix}`;
}

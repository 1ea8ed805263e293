import type { AnvilBridge } from '../../../common/api';
import type { PreviewSession } from '../../../common/types';

/**
 * The sandbox the platform gives Custom UI frames. No `allow-same-origin` with the workbench is at
 * stake: the page is served from its own loopback origin, so it can never reach the workbench's
 * API, token or storage; `allow-same-origin` only keeps its own origin (as the platform's does).
 */
export const PREVIEW_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups allow-downloads allow-modals';

interface BridgeRequest {
  source: 'anvil-preview-bridge';
  id: string | number;
  name: string;
  payload?: unknown;
}

function isBridgeRequest(data: unknown): data is BridgeRequest {
  // The page's message: each field is narrowed where it is read, so no shape of it is taken on trust.
  if (typeof data !== 'object' || data === null || !('source' in data) || !('id' in data) || !('name' in data)) return false;
  return data.source === 'anvil-preview-bridge' && (typeof data.id === 'string' || typeof data.id === 'number') && typeof data.name === 'string';
}

/**
 * Answer the page's bridge calls: only messages from this frame's window and the preview's own
 * origin are taken, and replies go to that origin only. Returns the function that stops relaying.
 */
export function relayBridgeCalls(bridge: AnvilBridge, frame: HTMLIFrameElement, session: PreviewSession, onCall: (line: string) => void): () => void {
  const listener = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || event.origin !== session.origin || !isBridgeRequest(event.data)) return;
    const request = event.data;
    const reply = (body: { ok: true; value: unknown } | { ok: false; error: string }) => frame.contentWindow?.postMessage({ source: 'anvil-preview-host', id: request.id, ...body }, session.origin);
    bridge.previewBridgeCall({ previewId: session.previewId, name: request.name, payload: request.payload }).then(
      (value) => {
        onCall(`${request.name} → ok`);
        reply({ ok: true, value });
      },
      (failure: Error) => {
        onCall(`${request.name} → ${failure.message}`);
        reply({ ok: false, error: failure.message });
      },
    );
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}

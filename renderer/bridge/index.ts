import { CALL_NAMES, type AnvilBridge } from '../../common/api';
import { fromPreloadError } from './bridge-error';
import { connectWebBridge } from './web-bridge';

export { BridgeError } from './bridge-error';

declare global {
  interface Window {
    /** Present only in the desktop shell, put there by the preload. */
    anvil?: AnvilBridge;
  }
}

type Listener = () => void;
const disconnectListeners = new Set<Listener>();

/** Be told when the web shell's connection drops (the desktop bridge never drops). */
export function onBridgeDisconnect(listener: Listener): () => void {
  disconnectListeners.add(listener);
  return () => disconnectListeners.delete(listener);
}

/** The contract, whichever shell hosts this page: the preload's in the desktop app, a WebSocket in a browser. */
export async function connectBridge(): Promise<AnvilBridge> {
  const preload = window.anvil;
  if (preload) {
    const wrapped: Record<string, unknown> = { subscribe: preload.subscribe.bind(preload) };
    for (const method of CALL_NAMES) {
      const original = preload[method] as (request?: unknown) => Promise<unknown>;
      wrapped[method] = (request?: unknown) => original(request).catch((error: unknown) => Promise.reject(fromPreloadError(error)));
    }
    return wrapped as unknown as AnvilBridge;
  }
  return connectWebBridge(() => disconnectListeners.forEach((listener) => listener()));
}

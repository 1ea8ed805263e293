/**
 * The script the preview injects as the first element of <head>, so `globalThis.__bridge` exists
 * before @forge/bridge loads. It is served as a file from the preview origin ('self' covers it),
 * never inline, so the page's own CSP stays exactly what the manifest declares.
 *
 * Page → workbench: { source: 'anvil-preview-bridge', id, name, payload }
 * Workbench → page: { source: 'anvil-preview-host', id, ok: true, value } | { ..., ok: false, error }
 */
/**
 * What stands between a realtime subscription id's page-load part (random, new on each load) and its
 * counter: the core tells a reloaded page's subscriptions from the ones before by the part before it.
 */
export const SUBSCRIPTION_LOAD_MARK = '-sub-';

export function bridgeScript(workbenchOrigin: string): string {
  return `(() => {
  'use strict';
  const HOST_ORIGIN = ${JSON.stringify(workbenchOrigin)};
  const pending = new Map();
  const prefix = Math.random().toString(36).slice(2);
  let counter = 0;
  window.addEventListener('message', (event) => {
    // Only the embedding workbench may answer; other frames or windows could forge replies.
    if (event.origin !== HOST_ORIGIN || event.source !== window.parent) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || data.source !== 'anvil-preview-host') return;
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    if (data.ok === true) call.resolve(data.value);
    else {
      const error = data.error;
      const message = typeof error === 'string' ? error : error && typeof error.message === 'string' ? error.message : 'Bridge call failed';
      call.reject(new Error(message));
    }
  });
  function send(name, payload) {
    return new Promise((resolve, reject) => {
      if (window.parent === window) {
        reject(new Error('This page is not inside the Anvil workbench, so @forge/bridge has no host.'));
        return;
      }
      const id = prefix + '-' + (++counter);
      pending.set(id, { resolve, reject });
      try {
        // The target origin keeps payloads from reaching anything but the workbench.
        window.parent.postMessage({ source: 'anvil-preview-bridge', id, name, payload }, HOST_ORIGIN);
      } catch (error) {
        pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }
  // Realtime: a callback cannot be posted, so the page keeps it here under an id and asks the
  // workbench for its events, one request at a time, while it has subscriptions.
  const subscriptions = new Map();
  let polling = false;
  async function poll() {
    if (polling) return;
    polling = true;
    try {
      while (subscriptions.size > 0) {
        let events;
        try {
          events = await send('realtimeEvents', {});
        } catch (error) {
          for (const onEvent of subscriptions.values()) {
            try { onEvent(undefined, error); } catch (thrown) { setTimeout(() => { throw thrown; }); }
          }
          return;
        }
        if (!Array.isArray(events)) continue;
        for (const event of events) {
          const onEvent = event && subscriptions.get(event.subscriptionId);
          if (!onEvent) continue;
          // The app's callback throwing must not end delivery to the others.
          try { onEvent(event.payload); } catch (thrown) { setTimeout(() => { throw thrown; }); }
        }
      }
    } finally {
      polling = false;
    }
  }
  function subscribe(payload) {
    const onEvent = payload.onEvent;
    const subscriptionId = prefix + ${JSON.stringify(SUBSCRIPTION_LOAD_MARK)} + (++counter);
    return send('subscribeRealtimeChannel', { channelName: payload.channelName, options: payload.options, isGlobal: payload.isGlobal === true, subscriptionId }).then(() => {
      subscriptions.set(subscriptionId, onEvent);
      void poll();
      return Object.freeze({
        unsubscribe() {
          subscriptions.delete(subscriptionId);
          return send('unsubscribeRealtimeChannel', { subscriptionId }).then(() => undefined);
        },
      });
    });
  }
  const bridge = Object.freeze({
    callBridge(name, payload) {
      if (name === 'subscribeRealtimeChannel' && payload && typeof payload.onEvent === 'function') return subscribe(payload);
      return send(name, payload);
    },
  });
  Object.defineProperty(globalThis, '__bridge', { value: bridge, writable: false, configurable: false, enumerable: false });
})();
`;
}

/** Put the bridge script tag first in <head>, creating a <head> if the document has none. */
export function injectBridgeTag(html: string, scriptPath: string): string {
  const tag = `<script src="${scriptPath}"></script>`;
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  const root = /<html(?:\s[^>]*)?>/i.exec(html);
  if (root) return html.slice(0, root.index + root[0].length) + `<head>${tag}</head>` + html.slice(root.index + root[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return html.slice(0, at) + `<head>${tag}</head>` + html.slice(at);
}

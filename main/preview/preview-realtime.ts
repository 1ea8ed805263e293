import { AnvilError } from '../contract';
import { realtimeContext, type RealtimeBroker, type RealtimeEvent } from '../realtime';
import { SUBSCRIPTION_LOAD_MARK } from './bridge-script';

/** What a preview page's realtime calls are scoped by: its app's broker, environment, installation and context. */
export interface PreviewRealtimeSession {
  broker: RealtimeBroker;
  environment: string;
  installation: string;
  /** The page's context (`view.getContext()`), which is also what a function it invokes gets. */
  context: Record<string, unknown>;
  /** The scopes the manifest declares: `subscribeGlobal` needs read:app-global-channel:realtime. */
  scopes: readonly string[];
}

/** The bridge calls this file answers; any other name is not realtime. */
export const REALTIME_BRIDGE_CALLS: readonly string[] = ['subscribeRealtimeChannel', 'unsubscribeRealtimeChannel', 'publishRealtimeChannel', 'realtimeEvents'];

export const GLOBAL_CHANNEL_SCOPE = 'read:app-global-channel:realtime';

// Bounds on what one page can make the core hold: a page can subscribe in a loop, or stop polling.
const MAX_SUBSCRIPTIONS = 100;
const MAX_QUEUED_EVENTS = 1000;
const SUBSCRIPTION_ID = /^[A-Za-z0-9_-]{1,100}$/;
const MAX_CHANNEL_NAME = 255;

interface PageState {
  subscriptions: Map<string, () => void>;
  /** The page load its subscriptions came from: the bridge script starts every id with a new random part on each load. */
  load: string | null;
  queue: { subscriptionId: string; payload: unknown }[];
  waiter: ((events: { subscriptionId: string; payload: unknown }[]) => void) | null;
}

/**
 * The page side of Forge Realtime in the preview. A page's bridge cannot post its callbacks, so it
 * subscribes by id and asks for its events (`realtimeEvents`, answered as soon as there are some, or
 * empty after `waitMs`); the events come back through the same relay as every bridge call, to that
 * page's origin only. A page subscribes and publishes only in its own environment, installation and
 * context, whatever its payload says.
 */
export class PreviewRealtime {
  private readonly pages = new Map<string, PageState>();

  constructor(private readonly waitMs = 25_000) {}

  async call(previewId: string, session: PreviewRealtimeSession, name: string, payload: unknown): Promise<unknown> {
    const page = this.page(previewId);
    const request = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
    if (name === 'realtimeEvents') return this.events(page);
    if (name === 'unsubscribeRealtimeChannel') {
      const id = String(request.subscriptionId ?? '');
      page.subscriptions.get(id)?.();
      page.subscriptions.delete(id);
      return null;
    }
    const channelName = request.channelName;
    if (typeof channelName !== 'string' || channelName === '' || channelName.length > MAX_CHANNEL_NAME) {
      throw new AnvilError('bad-request', `A realtime channel needs a name of 1 to ${MAX_CHANNEL_NAME} characters.`);
    }
    const options = (typeof request.options === 'object' && request.options !== null ? request.options : {}) as { token?: unknown; contextOverrides?: unknown };
    // A token the page got from its resolver (signRealtimeToken) narrows the channel; the broker checks it.
    const token = options.token === undefined || options.token === null || options.token === '' ? null : options.token;
    const global = request.isGlobal === true;
    let context: string | null = null;
    if (!global) {
      const found = realtimeContext(session.context, options.contextOverrides);
      if (!found.ok) throw new AnvilError('bad-request', found.reason);
      context = found.key;
    }
    const scope = { environment: session.environment, installation: session.installation };
    const channel = { name: channelName, global, context };
    if (name === 'publishRealtimeChannel') {
      if (token === null) return session.broker.publish(scope, channel, request.eventPayload ?? null);
      const published = session.broker.publishWithToken(scope, channel, request.eventPayload ?? null, token);
      if ('refused' in published) throw new AnvilError('bad-request', published.refused);
      return published;
    }

    // subscribeRealtimeChannel
    if (global && !session.scopes.includes(GLOBAL_CHANNEL_SCOPE)) {
      throw new AnvilError('bad-request', `subscribeGlobal needs the scope ${GLOBAL_CHANNEL_SCOPE}; add it to permissions.scopes in manifest.yml.`);
    }
    const subscriptionId = request.subscriptionId;
    if (typeof subscriptionId !== 'string' || !SUBSCRIPTION_ID.test(subscriptionId)) throw new AnvilError('bad-request', 'A realtime subscription needs an id (letters, digits, _ and -).');
    const deliver = (event: RealtimeEvent) => {
      page.queue.push({ subscriptionId, payload: event.payload });
      if (page.queue.length > MAX_QUEUED_EVENTS) page.queue.shift();
      this.wake(page);
    };
    let unsubscribe: () => void;
    if (token === null) {
      unsubscribe = session.broker.subscribe(scope, channel, deliver);
    } else {
      const accountId = typeof session.context.accountId === 'string' ? session.context.accountId : null;
      const subscribed = session.broker.subscribeWithToken(scope, channel, token, accountId, deliver);
      if ('refused' in subscribed) throw new AnvilError('bad-request', subscribed.refused);
      unsubscribe = subscribed.unsubscribe;
    }
    // A page that reloads keeps its preview id and subscribes again under ids of a new load (see
    // bridgeScript): what the page before the reload subscribed to ends, and its undelivered events go.
    const load = subscriptionId.split(SUBSCRIPTION_LOAD_MARK)[0]!;
    if (page.load !== load) {
      for (const previous of page.subscriptions.values()) previous();
      page.subscriptions.clear();
      page.queue.splice(0);
      page.load = load;
    }
    page.subscriptions.get(subscriptionId)?.();
    page.subscriptions.set(subscriptionId, unsubscribe);
    // A page that subscribes in a loop: its oldest subscriptions go first.
    while (page.subscriptions.size > MAX_SUBSCRIPTIONS) {
      const [oldest, unsubscribe] = page.subscriptions.entries().next().value as [string, () => void];
      unsubscribe();
      page.subscriptions.delete(oldest);
    }
    return { subscriptionId };
  }

  /** A preview went away (another app was opened, the workbench closed): its subscriptions end and a waiting request gets nothing. */
  close(previewId: string): void {
    const page = this.pages.get(previewId);
    if (!page) return;
    this.pages.delete(previewId);
    for (const unsubscribe of page.subscriptions.values()) unsubscribe();
    page.subscriptions.clear();
    page.waiter?.([]);
    page.waiter = null;
  }

  closeAll(): void {
    for (const previewId of [...this.pages.keys()]) this.close(previewId);
  }

  private page(previewId: string): PageState {
    let page = this.pages.get(previewId);
    if (!page) {
      page = { subscriptions: new Map(), load: null, queue: [], waiter: null };
      this.pages.set(previewId, page);
    }
    return page;
  }

  private events(page: PageState): Promise<{ subscriptionId: string; payload: unknown }[]> {
    if (page.queue.length > 0) return Promise.resolve(page.queue.splice(0));
    // One request waits per page: an older one (from before a reload) is answered empty.
    page.waiter?.([]);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish([]), this.waitMs);
      timer.unref?.();
      const finish = (events: { subscriptionId: string; payload: unknown }[]) => {
        clearTimeout(timer);
        if (page.waiter === finish) page.waiter = null;
        resolve(events);
      };
      page.waiter = finish;
    });
  }

  private wake(page: PageState): void {
    const waiter = page.waiter;
    if (!waiter) return;
    page.waiter = null;
    waiter(page.queue.splice(0));
  }
}

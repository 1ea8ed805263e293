import { randomUUID } from 'node:crypto';
import { canonical } from './realtime-context';
import { RealtimeTokenSigner, type RealtimeTokenGrant } from './realtime-token';

/** Where a realtime channel lives: an app's environment and installation. Events never cross these. */
export interface RealtimeScope {
  environment: string;
  installation: string;
}

/**
 * One channel as the platform scopes it: a global channel is shared by the whole installation; any
 * other one only within one context (`realtimeContext`), so a page on one issue never hears what
 * was published for another.
 */
export interface RealtimeChannel {
  name: string;
  global: boolean;
  /** The context key; ignored for a global channel. */
  context: string | null;
}

export interface RealtimeEvent {
  eventId: string;
  eventTimestamp: string;
  /** What the subscriber's callback receives: the published payload. */
  payload: unknown;
}

export type PublishResult = { eventId: string; eventTimestamp: string } | { eventId: null; eventTimestamp: null };

/** A token the broker refused, with the reason to show the app (the error names what is wrong). */
export interface RealtimeRefusal {
  refused: string;
}

interface Subscriber {
  deliver: (event: RealtimeEvent) => void;
  /** The page's account, for a token's allowedUsers; null when the subscription carries no token. */
  accountId: string | null;
}

/**
 * The local broker for Forge Realtime, one per open app: backend functions and preview pages publish
 * to it, preview pages subscribe. As on the platform, an event reaches only the subscribers of the
 * same channel in the same environment, installation and context (or installation, for a global
 * channel), and publishing to a channel nobody listens to gives null ids.
 */
export class RealtimeBroker {
  private readonly subscribers = new Map<string, Set<Subscriber>>();

  /** Signs and checks this app's realtime tokens; its key never leaves the host process. */
  readonly tokens: RealtimeTokenSigner;

  constructor(now: () => number = Date.now) {
    this.tokens = new RealtimeTokenSigner(now);
  }

  subscribe(scope: RealtimeScope, channel: RealtimeChannel, deliver: (event: RealtimeEvent) => void): () => void {
    return this.add(channelKey(scope, channel, null), { deliver, accountId: null });
  }

  publish(scope: RealtimeScope, channel: RealtimeChannel, payload: unknown): PublishResult {
    return this.send(channelKey(scope, channel, null), payload, null);
  }

  /**
   * A subscription with a token from signRealtimeToken: the token must be valid, for this channel,
   * grant subscribe and, when it names allowedUsers, name this account. It hears only events
   * published with a token for the same channel and the same claims (allowedUsers aside), so the
   * claims an app signs (a project, a request id) split the channel as on the platform.
   */
  subscribeWithToken(scope: RealtimeScope, channel: RealtimeChannel, token: unknown, accountId: string | null, deliver: (event: RealtimeEvent) => void): { unsubscribe: () => void } | RealtimeRefusal {
    const check = this.tokens.verify(scope, channel.name, token, 'subscribe');
    if (!check.ok) return { refused: check.reason };
    if (!allows(check.grant, accountId)) {
      return { refused: `Realtime token refused (USER_NOT_ALLOWED): its allowedUsers do not include the subscribing account ${accountId ?? '(none)'}.` };
    }
    return { unsubscribe: this.add(channelKey(scope, channel, check.grant), { deliver, accountId }) };
  }

  /** A publish with a token: it reaches only subscribers that hold a token of the same channel and claims, and that the token's allowedUsers name. */
  publishWithToken(scope: RealtimeScope, channel: RealtimeChannel, payload: unknown, token: unknown): PublishResult | RealtimeRefusal {
    const check = this.tokens.verify(scope, channel.name, token, 'publish');
    if (!check.ok) return { refused: check.reason };
    return this.send(channelKey(scope, channel, check.grant), payload, check.grant);
  }

  private add(key: string, subscriber: Subscriber): () => void {
    let set = this.subscribers.get(key);
    if (!set) {
      set = new Set();
      this.subscribers.set(key, set);
    }
    set.add(subscriber);
    return () => {
      const current = this.subscribers.get(key);
      if (!current) return;
      current.delete(subscriber);
      if (current.size === 0) this.subscribers.delete(key);
    };
  }

  private send(key: string, payload: unknown, grant: RealtimeTokenGrant | null): PublishResult {
    const set = [...(this.subscribers.get(key) ?? [])].filter((subscriber) => grant === null || allows(grant, subscriber.accountId));
    if (set.length === 0) return { eventId: null, eventTimestamp: null };
    const event: RealtimeEvent = { eventId: randomUUID(), eventTimestamp: new Date().toISOString(), payload };
    for (const subscriber of set) {
      try {
        subscriber.deliver(event);
      } catch {
        // One subscriber's failure is its own; the others still get the event.
      }
    }
    return { eventId: event.eventId, eventTimestamp: event.eventTimestamp };
  }

  /** How many subscriptions are open (for tests and the pane). */
  get size(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }
}

// JSON of an array: no separator inside a name can make two different channels share a key. A
// token-scoped channel is apart from the plain one of the same name, and split by the token's claims.
function channelKey(scope: RealtimeScope, channel: RealtimeChannel, grant: RealtimeTokenGrant | null): string {
  const { allowedUsers: _allowedUsers, ...claims } = grant?.claims ?? {};
  return JSON.stringify([scope.environment, scope.installation, channel.global ? null : (channel.context ?? ''), channel.global, channel.name, grant === null ? null : canonical(claims)]);
}

function allows(grant: RealtimeTokenGrant, accountId: string | null): boolean {
  return grant.allowedUsers === null || (accountId !== null && grant.allowedUsers.includes(accountId));
}

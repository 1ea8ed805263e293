import { modulesOf } from '../../manifest';

export type OnError = 'IGNORE' | 'IGNORE_AND_LOG' | 'RECEIVE' | 'RECEIVE_AND_LOG';

export const ON_ERROR_VALUES: readonly OnError[] = ['IGNORE', 'IGNORE_AND_LOG', 'RECEIVE', 'RECEIVE_AND_LOG'];

/** The platform's default when a filter gives no `onError`. */
export const DEFAULT_ON_ERROR: OnError = 'IGNORE_AND_LOG';

export interface SubscriptionFilter {
  ignoreSelf: boolean;
  /** A Jira expression over `event`; null when the subscription has none. */
  expression: string | null;
  onError: OnError;
}

/** One event type one `trigger` module listens to. */
export interface TriggerSubscription {
  moduleKey: string;
  /** The function the event goes to; null when the trigger names a Forge Remote `endpoint` instead. */
  functionKey: string | null;
  endpointKey: string | null;
  eventType: string;
  filter: SubscriptionFilter;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function readFilter(value: unknown): SubscriptionFilter {
  const filter = record(value);
  const expression = typeof filter?.expression === 'string' && filter.expression.trim() !== '' ? filter.expression : null;
  const onError = ON_ERROR_VALUES.find((candidate) => candidate === filter?.onError) ?? DEFAULT_ON_ERROR;
  return { ignoreSelf: filter?.ignoreSelf === true, expression, onError };
}

/**
 * Every (trigger module, event type) pair of a manifest. `events` may list plain event names or
 * `{eventType, filter}` objects; both are read. Entries the schema would reject (no key, an event
 * without a name) are skipped: schema validation reports them elsewhere.
 */
export function triggerSubscriptions(manifest: unknown): TriggerSubscription[] {
  const subscriptions: TriggerSubscription[] = [];
  for (const module of modulesOf(manifest)) {
    if (module.type !== 'trigger' || module.key === null || !Array.isArray(module.value.events)) continue;
    const functionKey = typeof module.value.function === 'string' ? module.value.function : null;
    const endpointKey = typeof module.value.endpoint === 'string' ? module.value.endpoint : null;
    const seen = new Set<string>();
    for (const item of module.value.events) {
      const object = record(item);
      const eventType = typeof item === 'string' ? item : typeof object?.eventType === 'string' ? object.eventType : null;
      // A module is subscribed once per event type; a repeated entry would not deliver twice.
      if (eventType === null || eventType === '' || seen.has(eventType)) continue;
      seen.add(eventType);
      subscriptions.push({ moduleKey: module.key, functionKey, endpointKey, eventType, filter: readFilter(object?.filter) });
    }
  }
  return subscriptions;
}

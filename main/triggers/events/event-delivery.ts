import { eventRequirement, missingScopes } from '../../scopes';
import { filterDecision } from './event-filter';
import type { TriggerSubscription } from './trigger-subscriptions';

/** Lifecycle events go to every app that subscribes; they need no scope. */
const LIFECYCLE_EVENTS = new Set(['avi:forge:installed:app', 'avi:forge:upgraded:app']);

export interface DeliveryRequest {
  eventType: string;
  /** Scopes the installation approved (what was in `permissions.scopes` at install or last upgrade). */
  approvedScopes: readonly string[];
  subscription: TriggerSubscription;
  event: unknown;
  /** The app's own account, for `ignoreSelf`; null when unknown locally. */
  appAccountId: string | null;
}

export interface DeliveryDecision {
  deliver: boolean;
  reason: string;
  /** True where the platform would log a filter error (the `*_AND_LOG` onError values). */
  log: boolean;
  /** Things the developer should know even though they did not stop delivery. */
  warnings: string[];
  /** Scopes the installation lacks for this event; empty when none or unknown. */
  missingScopes: string[];
}

function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}

/**
 * Whether the platform would deliver `event` to `subscription`: the module must subscribe to the
 * event type, the installation must have approved the scopes the event needs, then the filter
 * (ignoreSelf, expression with onError) decides.
 */
export function deliveryDecision(request: DeliveryRequest): DeliveryDecision {
  const { eventType, subscription } = request;
  const warnings: string[] = [];
  if (subscription.eventType !== eventType) {
    return { deliver: false, reason: `trigger ${subscription.moduleKey} does not subscribe to ${eventType}`, log: false, warnings, missingScopes: [] };
  }
  if (!LIFECYCLE_EVENTS.has(eventType)) {
    const requirement = eventRequirement(eventType);
    if (requirement === null) {
      warnings.push(`Anvil cannot check the scopes ${eventType} needs: it is not in @forge/manifest's event-to-scope mapping; delivered without a scope check`);
    } else {
      const missing = missingScopes(new Set(request.approvedScopes), requirement);
      if (missing.length > 0) {
        const reason = `${eventType} needs ${list(missing)}, which the installation has not approved; add ${missing.length === 1 ? 'it' : 'them'} to permissions.scopes`;
        return { deliver: false, reason, log: false, warnings, missingScopes: missing };
      }
    }
  }
  const filter = filterDecision(subscription, request.event, request.appAccountId);
  return { ...filter, warnings, missingScopes: [] };
}

/** The platform retries an event at most this many times after the first delivery. */
export const MAX_EVENT_RETRIES = 4;
export const MAX_RETRY_AFTER_SECONDS = 900;
export const MIN_RETRY_AFTER_SECONDS = 1;
export const MAX_RETRY_DATA_BYTES = 4096;
/** Atlassian documents no default delay; Anvil retries as soon as allowed so local runs stay quick. */
export const DEFAULT_RETRY_AFTER_SECONDS = MIN_RETRY_AFTER_SECONDS;
export const DEFAULT_RETRY_REASON = 'FUNCTION_RETRY_REQUEST';
const DOCUMENTED_REASONS = new Set(['FUNCTION_UPSTREAM_RATE_LIMITED', 'FUNCTION_RETRY_REQUEST']);

/** What a retried payload carries as `retryContext`. */
export interface RetryContext {
  retryCount: number;
  retryReason: string;
  retryData: unknown;
}

export type RetryPlan = { retry: true; retryAfterSeconds: number; retryContext: RetryContext; notes: string[] } | { retry: false; exhausted: boolean; reason: string };

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function isInvocationError(result: unknown): result is { _retry: true; retryOptions?: unknown } {
  return record(result)?._retry === true;
}

function retryDataSize(data: unknown): { bytes: number } | { error: string } {
  if (data === undefined) return { bytes: 0 };
  try {
    const json = JSON.stringify(data);
    return { bytes: json === undefined ? 0 : Buffer.byteLength(json, 'utf8') };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * What happens after a trigger function returned `result`: null when it is not an InvocationError
 * (`{_retry: true, retryOptions}`), otherwise the retry to schedule or why there is none.
 * `attempt` counts deliveries already retried (0 after the first delivery); a `previousRetryContext`
 * with a higher count wins, so a caller cannot restart the count by mistake.
 */
export function retryPlan(result: unknown, attempt: number, previousRetryContext?: Pick<RetryContext, 'retryCount'>): RetryPlan | null {
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError(`attempt must be a whole number ≥ 0, got ${attempt}`);
  if (!isInvocationError(result)) return null;
  const retriesSoFar = Math.max(attempt, previousRetryContext?.retryCount ?? 0);
  if (retriesSoFar >= MAX_EVENT_RETRIES) {
    return { retry: false, exhausted: true, reason: `the event was already retried ${retriesSoFar} times; the platform retries at most ${MAX_EVENT_RETRIES} times, so it is dropped` };
  }

  const options = record(result.retryOptions) ?? {};
  const size = retryDataSize(options.retryData);
  if ('error' in size) return { retry: false, exhausted: false, reason: `retryData cannot be sent as JSON (${size.error}), so the event is not retried` };
  if (size.bytes > MAX_RETRY_DATA_BYTES) {
    return { retry: false, exhausted: false, reason: `retryData is ${size.bytes} bytes as JSON; the platform allows at most 4 KB (${MAX_RETRY_DATA_BYTES} bytes), so the event is not retried` };
  }

  const notes: string[] = [];
  let retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;
  if (typeof options.retryAfter === 'number' && Number.isFinite(options.retryAfter)) {
    retryAfterSeconds = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(MIN_RETRY_AFTER_SECONDS, options.retryAfter));
    if (retryAfterSeconds !== options.retryAfter) notes.push(`retryAfter ${options.retryAfter} s is outside ${MIN_RETRY_AFTER_SECONDS}–${MAX_RETRY_AFTER_SECONDS} s; waiting ${retryAfterSeconds} s`);
  } else if (options.retryAfter !== undefined) {
    notes.push(`retryAfter must be a number of seconds, got ${JSON.stringify(options.retryAfter) ?? typeof options.retryAfter}; waiting ${retryAfterSeconds} s`);
  }

  let retryReason = DEFAULT_RETRY_REASON;
  if (typeof options.retryReason === 'string' && options.retryReason !== '') {
    retryReason = options.retryReason;
    if (!DOCUMENTED_REASONS.has(retryReason)) notes.push(`retryReason ${retryReason} is not one Atlassian documents for apps (${[...DOCUMENTED_REASONS].join(', ')})`);
  }

  return { retry: true, retryAfterSeconds, retryContext: { retryCount: retriesSoFar + 1, retryReason, retryData: options.retryData }, notes };
}

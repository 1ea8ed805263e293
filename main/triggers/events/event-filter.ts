import { evaluateExpression, ExpressionError } from './expression';
import type { OnError, TriggerSubscription } from './trigger-subscriptions';

/** Whether an event reaches a subscription's function; `log` is true where the platform would log the filter error. */
export interface FilterDecision {
  deliver: boolean;
  reason: string;
  log: boolean;
}

// What each onError value does with an event whose filter failed (Forge `trigger` filter docs).
const ON_ERROR: Record<OnError, { deliver: boolean; log: boolean; words: string }> = {
  IGNORE: { deliver: false, log: false, words: 'not delivered' },
  IGNORE_AND_LOG: { deliver: false, log: true, words: 'not delivered, error logged' },
  RECEIVE: { deliver: true, log: false, words: 'delivered anyway' },
  RECEIVE_AND_LOG: { deliver: true, log: true, words: 'delivered anyway, error logged' },
};

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Keeps reasons readable when a filter is long: the full text is in the manifest. */
function quote(expression: string): string {
  const oneLine = expression.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine);
}

function causedByApp(event: unknown, appAccountId: string | null): string | null {
  const payload = record(event);
  if (payload?.selfGenerated === true) return 'the event is selfGenerated';
  if (appAccountId && payload?.atlassianId === appAccountId) return `its atlassianId is the app's own account (${appAccountId})`;
  return null;
}

/**
 * Applies a subscription's filter to an event the way the platform does: `ignoreSelf` first, then
 * the expression over `event`. An expression that cannot be evaluated (outside Anvil's subset,
 * malformed, or failing at run time) is handled by `onError`.
 */
export function filterDecision(subscription: Pick<TriggerSubscription, 'filter'>, event: unknown, appAccountId: string | null): FilterDecision {
  const { ignoreSelf, expression, onError } = subscription.filter;
  if (ignoreSelf) {
    const cause = causedByApp(event, appAccountId);
    if (cause) return { deliver: false, reason: `not delivered: filter.ignoreSelf is set and ${cause}`, log: false };
  }
  if (expression === null) return { deliver: true, reason: 'delivered: no filter expression', log: false };

  let problem: string;
  try {
    const result = evaluateExpression(expression, { event });
    if (result === true) return { deliver: true, reason: `delivered: filter expression ${quote(expression)} is true`, log: false };
    if (result === false) return { deliver: false, reason: `not delivered: filter expression ${quote(expression)} is false`, log: false };
    problem = `it returned ${result === null || result === undefined ? 'null' : typeof result}, not true or false`;
  } catch (error) {
    // Anything else (a stack overflow, an exotic object in the event) is still a failed evaluation, not a crash of delivery.
    if (!(error instanceof ExpressionError)) problem = error instanceof Error ? error.message : String(error);
    else problem = error.kind === 'unsupported' ? `${error.message} (outside the subset of Jira expressions Anvil evaluates)` : error.message;
  }
  const outcome = ON_ERROR[onError];
  return { deliver: outcome.deliver, log: outcome.log, reason: `filter expression ${quote(expression)} failed: ${problem}; onError ${onError}: ${outcome.words}` };
}

// Product and lifecycle events delivered locally: payload templates, who subscribes, filters, scope checks and retries.
export { eventTemplate, templateEventTypes, type TemplateOptions } from './event-templates';
export { DEFAULT_ON_ERROR, ON_ERROR_VALUES, triggerSubscriptions, type OnError, type SubscriptionFilter, type TriggerSubscription } from './trigger-subscriptions';
export { filterDecision, type FilterDecision } from './event-filter';
export { evaluateExpression, ExpressionError, MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, parseExpression, type ExpressionNode } from './expression';
export {
  deliveryDecision,
  MAX_EVENT_RETRIES,
  MAX_RETRY_AFTER_SECONDS,
  MAX_RETRY_DATA_BYTES,
  retryPlan,
  type DeliveryDecision,
  type DeliveryRequest,
  type RetryContext,
  type RetryPlan,
} from './event-delivery';

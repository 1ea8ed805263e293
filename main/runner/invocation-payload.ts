import type { Installation } from './gateway/installation';
import type { FunctionTarget } from './function-target';
import { contextToken } from './context-token';
import { actionPayload } from './rovo-action';

/** A made-up but realistic product context for a module, so a resolver can run without a real page. */
function extensionFor(moduleType: string): Record<string, unknown> {
  if (moduleType.startsWith('jira:')) return { type: moduleType, issue: { key: 'DEMO-1', id: '10001', type: 'Task' }, project: { key: 'DEMO', id: '10000', type: 'software' } };
  if (moduleType.startsWith('confluence:') || moduleType === 'macro') return { type: moduleType, content: { id: '65537', type: 'page' }, space: { key: 'DEMO', id: '98305' } };
  return { type: moduleType };
}

/** What a UI module's frontend gets from `view.getContext()`, and its resolvers as `context`. */
export function moduleContext(moduleType: string, moduleKey: string | null, installation: Installation, environment: string, userContext: Record<string, unknown> | null): Record<string, unknown> {
  const cloudId = `local-${installation.name}`;
  return {
    accountId: 'local-developer',
    accountType: 'licensed',
    cloudId,
    siteUrl: `https://${installation.site}`,
    localId: `${moduleKey ?? 'module'}-local`,
    environmentType: environment.toUpperCase(),
    environmentId: `local-${environment}`,
    moduleKey,
    locale: 'en-US',
    timezone: 'UTC',
    extension: extensionFor(moduleType),
    ...(userContext ?? {}),
  };
}

/**
 * Module types the platform invokes with no user (FACTS §4.5; Forge Remote: "principal … UI modules
 * only"): their context has no `principal`, so `asUser()` has no one to act as.
 */
const NO_USER: ReadonlySet<string> = new Set(['scheduledTrigger', 'webtrigger', 'trigger', 'consumer', 'fifoConsumer', 'preUninstall']);

/**
 * The two arguments the platform passes to the function, the app context of the runtime, and the
 * user the invocation runs for (null when there is none: `asUser()` is then refused).
 */
export function invocationArguments(target: FunctionTarget, installation: Installation, environment: string, userPayload: unknown, userContext: Record<string, unknown> | null) {
  const cloudId = `local-${installation.name}`;
  const installContext = `ari:cloud:${installation.product}::site/${cloudId}`;
  const moduleType = target.module?.type ?? 'function';
  const moduleKey = target.module?.key ?? null;
  const noUser = NO_USER.has(moduleType);
  const context: Record<string, unknown> = {
    installContext,
    ...(noUser ? {} : { principal: { accountId: 'local-developer' } }),
    installation: { ari: { installationId: installation.name }, contexts: [{ cloudId }] },
    ...(userContext ?? {}),
  };
  const payload =
    target.resolverKey && moduleType === 'consumer'
      ? consumerResolverCall(target, cloudId, installContext, userPayload)
      : target.resolverKey
        ? {
            call: { functionKey: target.resolverKey, payload: userPayload ?? {} },
            context: moduleContext(moduleType, moduleKey, installation, environment, userContext),
          }
        : moduleType === 'scheduledTrigger'
          ? (userPayload ?? { context: { cloudId, moduleKey }, contextToken: contextToken({ cloudId, moduleKey }) })
          : moduleType === 'webtrigger'
            ? withTriggerContext(userPayload, cloudId, moduleKey)
            : moduleType === 'action' && target.module
              ? actionPayload(target.module, installation, cloudId, userPayload)
              : (userPayload ?? {});
  const appContext = {
    appId: 'local-app',
    appVersion: 'local',
    environmentId: `local-${environment}`,
    environmentType: environment.toUpperCase(),
    installationId: installation.name,
    functionKey: target.functionKey,
    moduleType,
    moduleKey: moduleKey ?? target.functionKey,
    permissions: { scopes: installation.approvedScopes, external: { fetch: { backend: installation.approvedEgress } } },
  };
  // The user is whoever the context names, as the runtime's `aaid` is: a developer who adds a
  // principal to a trigger's context asks for one.
  const principal = context.principal as { accountId?: unknown } | undefined;
  const user = principal !== null && typeof principal === 'object' && typeof principal.accountId === 'string' ? principal.accountId : null;
  return { payload, context, appContext, user };
}

/**
 * A web trigger's request carries, besides the HTTP parts, what a scheduled trigger's does: the
 * `context` (cloud id, module key) and the `contextToken` (the scheduled trigger reference: it
 * "contains fewer properties than for a web trigger function"). Keys the caller already set stay.
 */
function withTriggerContext(request: unknown, cloudId: string, moduleKey: string | null): unknown {
  if (request === undefined || request === null) request = { method: 'GET', path: '/x1/local', userPath: '', headers: {}, queryParameters: {}, body: '' };
  if (typeof request !== 'object' || Array.isArray(request)) return request;
  return { context: { cloudId, moduleKey }, contextToken: contextToken({ cloudId, moduleKey }), ...request };
}

/**
 * A queue event for a resolver consumer, as @forge/resolver reads it: the method as the resolver key,
 * the pushed body as its payload and the job id beside it; no user (queues run as the app). The
 * event `{body, jobId, retryContext?}` the queue delivers is unwrapped; anything else is the body.
 */
function consumerResolverCall(target: FunctionTarget, cloudId: string, installContext: string, event: unknown): Record<string, unknown> {
  const delivered = event !== null && typeof event === 'object' && !Array.isArray(event) && 'body' in event ? (event as { body: unknown; jobId?: unknown; retryContext?: unknown }) : { body: event };
  const jobId = typeof delivered.jobId === 'string' ? delivered.jobId : 'anvil-local-job';
  return {
    call: { functionKey: target.resolverKey, payload: delivered.body ?? {}, jobId },
    context: { cloudId, installContext, moduleKey: target.module?.key ?? null, ...(delivered.retryContext ? { retryContext: delivered.retryContext } : {}) },
  };
}

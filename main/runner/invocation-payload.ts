import type { Installation } from './gateway/installation';
import type { FunctionTarget } from './function-target';

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

/** The two arguments the platform passes to the function, and the app context of the runtime. */
export function invocationArguments(target: FunctionTarget, installation: Installation, environment: string, userPayload: unknown, userContext: Record<string, unknown> | null) {
  const cloudId = `local-${installation.name}`;
  const installContext = `ari:cloud:${installation.product}::site/${cloudId}`;
  const moduleType = target.module?.type ?? 'function';
  const noUser = moduleType === 'scheduledTrigger' || moduleType === 'webtrigger' || moduleType === 'trigger' || moduleType === 'consumer';
  const context = { installContext, ...(noUser ? {} : { principal: { accountId: 'local-developer' } }), installation: { ari: { installationId: installation.name }, contexts: [{ cloudId }] }, ...(userContext ?? {}) };
  const payload = target.resolverKey && moduleType === 'consumer'
    ? consumerResolverCall(target, cloudId, installContext, userPayload)
    : target.resolverKey
    ? {
        call: { functionKey: target.resolverKey, payload: userPayload ?? {} },
        context: moduleContext(moduleType, target.module?.key ?? null, installation, environment, userContext),
      }
    : moduleType === 'scheduledTrigger'
      ? (userPayload ?? { context: { cloudId, moduleKey: target.module?.key }, contextToken: 'anvil-local' })
      : (userPayload ?? {});
  const appContext = {
    appId: 'local-app',
    appVersion: 'local',
    environmentId: `local-${environment}`,
    environmentType: environment.toUpperCase(),
    installationId: installation.name,
    functionKey: target.functionKey,
    moduleType,
    moduleKey: target.module?.key ?? target.functionKey,
    permissions: { scopes: installation.approvedScopes, external: { fetch: { backend: installation.approvedEgress } } },
  };
  return { payload, context, appContext };
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

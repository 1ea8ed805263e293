import { type TemplateBuilder, type TemplateContext } from './template-context';

// Lifecycle events (FACTS 4.5): the installation id, who installed or upgraded, the app and its
// environment; an upgrade also reports the approved permissions. They are not product events, so no
// `selfGenerated` or `atlassianId`.

function lifecycleBase(context: TemplateContext): Record<string, unknown> {
  return {
    eventType: context.eventType,
    timestamp: context.now,
    id: `ari:cloud:ecosystem::installation/${context.installationId}`,
    app: { id: context.app.id, version: context.app.version, name: context.app.name, ownerAccountId: context.app.ownerAccountId },
    environment: { id: context.environmentId },
    context: { cloudId: context.cloudId, installContext: `ari:cloud:${context.product}::site/${context.cloudId}` },
  };
}

export const LIFECYCLE_TEMPLATES: ReadonlyMap<string, TemplateBuilder> = new Map<string, TemplateBuilder>([
  ['avi:forge:installed:app', (context) => ({ ...lifecycleBase(context), installerAccountId: context.accountId })],
  ['avi:forge:upgraded:app', (context) => ({ ...lifecycleBase(context), upgraderAccountId: context.accountId, permissions: { scopes: [...context.scopes], external: {} } })],
]);

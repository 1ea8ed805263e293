import { CONFLUENCE_TEMPLATES } from './confluence-templates';
import { JIRA_TEMPLATES } from './jira-templates';
import { LIFECYCLE_TEMPLATES } from './lifecycle-templates';
import { DEMO_USER_ID, productEventBase, type TemplateBuilder, type TemplateContext, type TemplateOptions } from './template-context';

export type { TemplateOptions } from './template-context';

const TEMPLATES: ReadonlyMap<string, TemplateBuilder> = new Map([...JIRA_TEMPLATES, ...CONFLUENCE_TEMPLATES, ...LIFECYCLE_TEMPLATES]);

/** Event types with a payload of their own; any other type gets the generic payload. */
export function templateEventTypes(): string[] {
  return [...TEMPLATES.keys()].sort();
}

/**
 * A realistic payload for `eventType` on a site, for the developer to edit and deliver. Each call
 * builds a fresh object, so editing one never changes the next.
 */
export function eventTemplate(eventType: string, site: { cloudId: string; product: string }, options: TemplateOptions = {}): Record<string, unknown> {
  const context: TemplateContext = {
    eventType,
    cloudId: site.cloudId,
    product: site.product,
    now: options.now ?? Date.now(),
    accountId: options.accountId ?? DEMO_USER_ID,
    app: {
      id: options.app?.id ?? 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000',
      version: options.app?.version ?? '1.0.0',
      name: options.app?.name ?? 'Demo app',
      ownerAccountId: options.app?.ownerAccountId ?? DEMO_USER_ID,
    },
    environmentId: options.environmentId ?? '00000000-0000-4000-8000-00000000e0e0',
    installationId: options.installationId ?? '00000000-0000-4000-8000-0000000001a1',
    scopes: options.scopes ?? [],
  };
  const builder = TEMPLATES.get(eventType);
  return builder ? builder(context) : productEventBase(context);
}

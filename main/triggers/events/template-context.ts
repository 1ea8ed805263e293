/** What every event template is built from: the event, the site, the acting user and a fixed time. */
export interface TemplateContext {
  eventType: string;
  cloudId: string;
  product: string;
  /** Epoch ms; one value per template so every date in a payload agrees. */
  now: number;
  /** The user who caused the event (`atlassianId`). */
  accountId: string;
  app: { id: string; version: string; name: string; ownerAccountId: string };
  environmentId: string;
  installationId: string;
  /** Scopes reported by `avi:forge:upgraded:app`. */
  scopes: string[];
}

/** Optional parts of a template a caller may want to pin (tests, a chosen acting user, the real app id). */
export interface TemplateOptions {
  now?: number;
  accountId?: string;
  app?: { id?: string; version?: string; name?: string; ownerAccountId?: string };
  environmentId?: string;
  installationId?: string;
  scopes?: string[];
}

/** Account ids in the 24-hex shape Atlassian uses, so apps that validate them accept the payload. */
export const DEMO_USER_ID = '5b10a2844c20165700ede21a';
export const OTHER_USER_ID = '5b10ac8d82e05b22cc7d4ef5';

/** The fields every product event carries: the platform stamps them on Jira and Confluence payloads alike. */
export function productEventBase(context: TemplateContext): Record<string, unknown> {
  return { eventType: context.eventType, timestamp: context.now, selfGenerated: false, atlassianId: context.accountId };
}

export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** REST links through the API gateway: the site's own host is not known locally, its cloud id is. */
export function restLink(context: TemplateContext, product: 'jira' | 'confluence', path: string): string {
  return `https://api.atlassian.com/ex/${product}/${context.cloudId}${path}`;
}

/** A template builder keyed by event type. */
export type TemplateBuilder = (context: TemplateContext) => Record<string, unknown>;

/**
 * What an installation context ARI says: the product that owns it and, when it names one, the
 * site's cloud id. Forms seen in the Forge CLI: `ari:cloud:jira::site/<cloudId>`,
 * `ari:cloud:<product>:<cloudId>:workspace/<activationId>`, `ari:cloud:bitbucket::workspace/<uuid>`.
 */
export interface InstallationContext {
  product: string;
  cloudId: string | null;
}

const ARI = /^ari:cloud:([^:]+):([^:]*):([^/]+)\/(.+)$/;

export function installationContext(ari: string): InstallationContext | null {
  const match = ARI.exec(ari);
  if (!match) return null;
  const [, product, cloudId, resourceType, resourceId] = match as unknown as [string, string, string, string, string];
  if (resourceType === 'site') return { product, cloudId: resourceId };
  return { product, cloudId: cloudId || null };
}

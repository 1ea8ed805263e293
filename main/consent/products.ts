import { explainScope } from '../scopes';

/** Products a site admin installs an app into. Jira Software and Service Management scopes install with Jira. */
const INSTALL_PRODUCT: Record<string, string> = {
  jira: 'jira',
  'jira-software': 'jira',
  'jira-service-management': 'jira',
  confluence: 'confluence',
  compass: 'compass',
  bitbucket: 'bitbucket',
};

/** The product whose consent a scope belongs to, or null for app-wide (platform) scopes shown with any product. */
export function installProductOf(scope: string): string | null {
  return INSTALL_PRODUCT[explainScope(scope).product] ?? null;
}

/** The product a module type installs into (jira:issuePanel → jira), or null for app-wide modules. */
export function moduleProductOf(type: string): string | null {
  const prefix = type.includes(':') ? type.slice(0, type.indexOf(':')) : null;
  return (prefix ? INSTALL_PRODUCT[prefix === 'jiraServiceManagement' ? 'jira-service-management' : prefix] : undefined) ?? null;
}

/** The product a product event belongs to (avi:jira:created:issue → jira), or null for app-wide events. */
export function eventProductOf(event: string): string | null {
  const product = /^avi:([a-z-]+):/.exec(event)?.[1];
  if (!product) return null;
  return INSTALL_PRODUCT[product] ?? (product.startsWith('jira') ? 'jira' : null);
}

/**
 * The product an admin installs the app into first: the one most of its modules belong to (a Jira
 * app that also searches Confluence is a Jira app), else the one most of its scopes belong to.
 * Ties and apps without products fall back to the first product in `available`.
 */
export function primaryProductOf(available: readonly string[], scopes: readonly string[], moduleTypes: readonly string[]): string | undefined {
  const tally = (products: (string | null)[]) => {
    const counts = new Map<string, number>();
    for (const product of products) if (product && available.includes(product)) counts.set(product, (counts.get(product) ?? 0) + 1);
    return [...counts].sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))[0]?.[0];
  };
  return tally(moduleTypes.map(moduleProductOf)) ?? tally(scopes.map(installProductOf)) ?? available[0];
}

/** Every product the manifest touches through its scopes or its module types (jira:issuePanel → jira). */
export function productsOf(scopes: readonly string[], moduleTypes: readonly string[]): string[] {
  const products = new Set<string>();
  for (const scope of scopes) {
    const product = installProductOf(scope);
    if (product) products.add(product);
  }
  for (const type of moduleTypes) {
    const product = moduleProductOf(type);
    if (product) products.add(product);
  }
  return [...products].sort();
}

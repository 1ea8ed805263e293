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

/** Every product the manifest touches through its scopes or its module types (jira:issuePanel → jira). */
export function productsOf(scopes: readonly string[], moduleTypes: readonly string[]): string[] {
  const products = new Set<string>();
  for (const scope of scopes) {
    const product = installProductOf(scope);
    if (product) products.add(product);
  }
  for (const type of moduleTypes) {
    const prefix = type.includes(':') ? type.slice(0, type.indexOf(':')) : null;
    const product = prefix ? INSTALL_PRODUCT[prefix === 'jiraServiceManagement' ? 'jira-service-management' : prefix] : undefined;
    if (product) products.add(product);
  }
  return [...products].sort();
}

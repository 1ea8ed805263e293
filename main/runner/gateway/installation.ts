/** Where an installation's product calls go. */
export type ProductTarget = { kind: 'fixtures' } | { kind: 'site'; siteUrl: string; credentialName: string };

/** A local stand-in for a site the app is installed on. */
export interface Installation {
  name: string;
  /** e.g. acme.atlassian.net */
  site: string;
  /** The product it is installed into: jira, confluence, bitbucket. */
  product: string;
  /** The scopes the site admin approved: calls are checked against these, not the manifest being edited. */
  approvedScopes: string[];
  /** Backend egress the admin approved (hosts, `*.x.com` wildcards, or `*`). */
  approvedEgress: string[];
  target: ProductTarget;
}

/** The default installation: the app on a local Jira site, approved for exactly what the manifest asks. */
export function localInstallation(product: string, scopes: string[], egress: string[]): Installation {
  return { name: `local-${product}`, site: `local-${product}.atlassian.net`, product, approvedScopes: scopes, approvedEgress: egress, target: { kind: 'fixtures' } };
}

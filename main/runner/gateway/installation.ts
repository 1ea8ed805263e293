import { AnvilError } from '../../contract';
import type { AppDatabase } from '../../database';

/** Where an installation's product calls go: the app's fixtures, or the real site. */
export type ProductTarget = 'fixtures' | 'site';

/** A site the app is installed on, locally: what its calls may do and where they go. */
export interface Installation {
  name: string;
  /** e.g. acme.atlassian.net */
  site: string;
  /** The product it is installed into: jira, confluence, bitbucket, compass. */
  product: string;
  /** The scopes the site admin approved: calls are checked against these, not the manifest being edited. */
  approvedScopes: string[];
  /** Backend egress the admin approved (hosts, `*.x.com` wildcards, or `*`). */
  approvedEgress: string[];
  target: ProductTarget;
  /** Made by Anvil for a product the manifest has modules in; cannot be deleted. */
  builtIn: boolean;
}

/** What the developer chooses for an installation; the approvals come from the environment. */
export type InstallationPlace = Pick<Installation, 'name' | 'site' | 'product' | 'target'>;

export const INSTALLATION_PRODUCTS = ['jira', 'confluence', 'bitbucket', 'compass'] as const;
const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
const HOST_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
// Real product calls carry the developer's Atlassian API token: only Atlassian's own site domains may receive it.
const ATLASSIAN_SITE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.(atlassian\.net|jira\.com)$/;

/** The products an app is installed into, from its modules (no product module: Jira, the commonest). */
export function manifestProducts(manifest: unknown): string[] {
  const modules = (manifest as { modules?: Record<string, unknown> } | null)?.modules ?? {};
  const products = new Set<string>();
  for (const type of Object.keys(modules)) {
    if (type.startsWith('jira:') || type.startsWith('jiraServiceManagement:')) products.add('jira');
    else if (type.startsWith('confluence:') || type === 'macro') products.add('confluence');
    else if (type.startsWith('bitbucket:')) products.add('bitbucket');
    else if (type.startsWith('compass:')) products.add('compass');
  }
  return products.size > 0 ? [...products] : ['jira'];
}

/** The installation Anvil makes for a product: a local site answered from fixtures. */
export function builtInInstallation(product: string): InstallationPlace {
  return { name: `local-${product}`, site: `local-${product}.atlassian.net`, product, target: 'fixtures' };
}

/** Check what the developer typed for a new installation; every message names the field and the fix. */
export function checkInstallationPlace(place: InstallationPlace): InstallationPlace {
  const name = place.name.trim();
  const site = place.site
    .trim()
    .toLowerCase()
    .replace(/^https:\/\//, '')
    .replace(/\/+$/, '');
  if (!NAME_PATTERN.test(name)) throw new AnvilError('bad-request', `Installation name "${place.name}" is not allowed: use up to 40 lowercase letters, digits and dashes, e.g. acme-jira.`);
  if (name.startsWith('local-')) throw new AnvilError('bad-request', `Installation names starting with "local-" are Anvil's own; choose another name than "${name}".`);
  if (!(INSTALLATION_PRODUCTS as readonly string[]).includes(place.product))
    throw new AnvilError('bad-request', `Product "${place.product}" is not one Forge apps install into here; use ${INSTALLATION_PRODUCTS.join(', ')}.`);
  if (!HOST_PATTERN.test(site)) throw new AnvilError('bad-request', `Site "${place.site}" is not a host name; give it like acme.atlassian.net.`);
  if (place.target === 'site' && !ATLASSIAN_SITE.test(site)) {
    throw new AnvilError(
      'bad-request',
      `Calls to a real site go only to Atlassian sites (<name>.atlassian.net), because they carry your API token; "${site}" is not one. Use the fixtures target for other names.`,
    );
  }
  return { name, site, product: place.product, target: place.target };
}

/** The installations the developer added, per environment, in the app database. */
export class InstallationBook {
  constructor(private readonly db: AppDatabase) {}

  list(environment: string): InstallationPlace[] {
    return this.db.prepare<[string], InstallationPlace>('SELECT name, site, product, target FROM installation WHERE environment = ? ORDER BY name').all(environment);
  }

  save(environment: string, place: InstallationPlace): InstallationPlace {
    const checked = checkInstallationPlace(place);
    this.db
      .prepare(
        `INSERT INTO installation (environment, name, site, product, target, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (environment, name) DO UPDATE SET site = excluded.site, product = excluded.product, target = excluded.target`,
      )
      .run(environment, checked.name, checked.site, checked.product, checked.target, Date.now());
    return checked;
  }

  delete(environment: string, name: string): void {
    if (name.startsWith('local-')) throw new AnvilError('bad-request', `${name} is made by Anvil for the manifest's product and cannot be deleted.`);
    const removed = this.db.prepare('DELETE FROM installation WHERE environment = ? AND name = ?').run(environment, name).changes;
    if (removed === 0) throw new AnvilError('bad-request', `No installation named "${name}" in ${environment}; the Runner pane lists them.`);
  }
}

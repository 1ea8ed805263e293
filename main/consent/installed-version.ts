import type { ConsentEgress, EgressKind } from '../../common/types';
import type { CloudVersionDetails } from '../cloud';
import { parseEgressAddress } from '../manifest';
import type { ManifestPermissions } from './manifest-permissions';

/**
 * The platform's egress types (`AppNetworkPermissionType`) as the manifest's lists and Anvil's
 * kinds. The Forge CLI's `forge version details` maps them the same way (FETCH_BACKEND_SIDE is
 * fetch.backend, FETCH_CLIENT_SIDE fetch.client, the rest lower-cased).
 */
const EGRESS_TYPES: Readonly<Record<string, { list: string; kind: EgressKind }>> = {
  FETCH_BACKEND_SIDE: { list: 'fetch.backend', kind: 'backend fetch' },
  FETCH_CLIENT_SIDE: { list: 'fetch.client', kind: 'frontend fetch' },
  FONTS: { list: 'fonts', kind: 'fonts' },
  FRAMES: { list: 'frames', kind: 'frames' },
  IMAGES: { list: 'images', kind: 'images' },
  MEDIA: { list: 'media', kind: 'media' },
  NAVIGATION: { list: 'navigation', kind: 'navigation' },
  SCRIPTS: { list: 'scripts', kind: 'scripts' },
  STYLES: { list: 'styles', kind: 'styles' },
};
// A type Anvil does not know is read as a backend fetch, the manifest's own default: if that is
// wrong, the local entry of its real kind shows as new, so an approval is over-announced, never hidden.
const UNKNOWN_EGRESS = { list: 'fetch.backend', kind: 'backend fetch' } as const;

/** The manifest's module type of a platform module type: `core:function` is `function`, as `@forge/manifest` cleans it. */
function moduleType(platformType: string): string {
  return platformType.replace(/(core|xen):/g, '');
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * What a deployed version asked admins to approve, in the form the upgrade diff compares: scopes,
 * egress by kind, Custom UI content policies, remotes, web triggers, modules and licensing, all from
 * the platform. Two things the platform's version details do not carry are taken from `current`, so
 * they are compared as unchanged: external auth providers and whether egress is configurable.
 */
export function installedVersionPermissions(details: CloudVersionDetails, current: ManifestPermissions): ManifestPermissions {
  const modules = details.modules.map((module) => ({ key: module.key, type: text(module.extensionData.type) ?? '', data: module.extensionData }));
  const remotes = modules.filter((module) => module.type === 'core:remote').map((module) => ({ key: module.key, baseUrl: text(module.data.baseUrl) ?? JSON.stringify(module.data.baseUrl ?? null) }));
  // The platform lists a remote's base URL among the backend fetches; the manifest does not (nor does `forge version details`).
  const remoteUrls = new Set(remotes.map((remote) => remote.baseUrl));
  const egress: ConsentEgress[] = [];
  const inScopeEUD: string[] = [];
  for (const entry of details.egress) {
    const type = (entry.type !== null && Object.hasOwn(EGRESS_TYPES, entry.type) ? EGRESS_TYPES[entry.type] : undefined) ?? UNKNOWN_EGRESS;
    for (const address of entry.addresses) {
      if (type.kind === 'backend fetch' && remoteUrls.has(address)) continue;
      const parsed = parseEgressAddress(address);
      const host = parsed.ok ? parsed.host : address;
      egress.push({ kind: type.kind, address: host, analytics: entry.category === 'ANALYTICS', global: parsed.ok && parsed.global });
      // The manifest's default is "in scope"; a platform that does not say is read the same way.
      if (entry.inScopeEUD !== false) inScopeEUD.push(`${type.list} ${host}`);
    }
  }
  const webTriggers = modules.filter((module) => module.type === 'core:webtrigger');
  const isStatic = (data: Record<string, unknown>) => {
    const response = data.response;
    return response !== null && typeof response === 'object' && (response as Record<string, unknown>).type === 'static';
  };
  return {
    scopes: details.scopes,
    egress,
    providers: current.providers,
    remotes,
    contentSecurity: details.securityPolicies.flatMap((policy) => policy.policies.map((item) => `${(policy.type ?? 'scripts').toLowerCase()}: ${item}`)),
    licensing: details.requiresLicense,
    dynamicWebTriggers: webTriggers.filter((module) => !isStatic(module.data)).map((module) => module.key),
    staticWebTriggers: webTriggers.filter((module) => isStatic(module.data)).map((module) => module.key),
    moduleTypes: [...new Set(modules.filter((module) => module.type !== '').map((module) => moduleType(module.type)))],
    configurableEgress: current.configurableEgress,
    hasSql: modules.some((module) => module.type === 'core:sql'),
    inScopeEUD,
  };
}

/** How the base reads in the pane and the CLI: `version 4.2.0 installed on acme.atlassian.net (staging)`. */
export function installedVersionLabel(version: string, site: string, environment: string): string {
  return `version ${version} installed on ${site} (${environment})`;
}

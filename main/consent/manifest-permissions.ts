import type { ConsentEgress, ConsentProvider, EgressKind } from '../../common/types';
import { declaredScopes, egressEntries, modulesOf, parseEgressAddress } from '../manifest';

const EGRESS_KIND: Record<string, EgressKind> = {
  'fetch.backend': 'backend fetch',
  'fetch.client': 'frontend fetch',
  images: 'images',
  scripts: 'scripts',
  styles: 'styles',
  frames: 'frames',
  fonts: 'fonts',
  media: 'media',
  navigation: 'navigation',
};

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Everything in a manifest that consent is about, read once into plain lists. */
export interface ManifestPermissions {
  scopes: string[];
  egress: ConsentEgress[];
  providers: (ConsentProvider & { clientId: string | null })[];
  remotes: { key: string; baseUrl: string }[];
  contentSecurity: string[];
  licensing: boolean;
  /** Web trigger keys whose response is dynamic (the app sees the raw request and answers itself). */
  dynamicWebTriggers: string[];
  staticWebTriggers: string[];
  moduleTypes: string[];
  configurableEgress: boolean;
  hasSql: boolean;
  /** Egress addresses marked in scope for end-user data residency. */
  inScopeEUD: string[];
}

export function manifestPermissions(manifest: unknown): ManifestPermissions {
  const root = record(manifest);
  const permissions = record(root.permissions);
  const external = record(permissions.external);
  const content = record(permissions.content);
  const modules = modulesOf(manifest);
  const egress: ConsentEgress[] = [];
  const inScopeEUD: string[] = [];
  for (const entry of egressEntries(manifest)) {
    if (entry.address === null) continue;
    const parsed = parseEgressAddress(entry.address);
    const raw = entry.form === 'object' ? record(readPath(root, entry.path)) : {};
    egress.push({
      kind: EGRESS_KIND[entry.list] ?? 'backend fetch',
      address: parsed.ok ? parsed.host : entry.address,
      analytics: raw.category === 'analytics',
      global: parsed.ok && parsed.global,
    });
    if (raw.inScopeEUD !== false) inScopeEUD.push(`${entry.list} ${parsed.ok ? parsed.host : entry.address}`);
  }
  const providers = (Array.isArray(record(root.providers).auth) ? (record(root.providers).auth as unknown[]) : []).map((item) => {
    const provider = record(item);
    return {
      key: String(provider.key ?? ''),
      name: String(provider.name ?? provider.key ?? ''),
      scopes: Array.isArray(provider.scopes) ? provider.scopes.map(String) : [],
      remotes: Array.isArray(provider.remotes) ? provider.remotes.map(String) : [],
      clientId: typeof provider.clientId === 'string' ? provider.clientId : null,
    };
  });
  const remotes = (Array.isArray(root.remotes) ? root.remotes : []).map((item) => {
    const remote = record(item);
    const baseUrl = remote.baseUrl;
    return { key: String(remote.key ?? ''), baseUrl: typeof baseUrl === 'string' ? baseUrl : JSON.stringify(baseUrl ?? null) };
  });
  const webTriggers = modules.filter((module) => module.type === 'webtrigger' && module.key !== null);
  const isStatic = (value: Record<string, unknown>) => record(value.response).type === 'static';
  return {
    scopes: declaredScopes(manifest).map((entry) => entry.scope),
    egress,
    providers,
    remotes,
    contentSecurity: [...listOf(content.scripts).map((item) => `scripts: ${item}`), ...listOf(content.styles).map((item) => `styles: ${item}`)],
    licensing: record(record(root.app).licensing).enabled === true,
    dynamicWebTriggers: webTriggers.filter((module) => !isStatic(module.value)).map((module) => module.key!),
    staticWebTriggers: webTriggers.filter((module) => isStatic(module.value)).map((module) => module.key!),
    moduleTypes: [...new Set(modules.map((module) => module.type))],
    configurableEgress: record(external.configurable).enabled === true,
    hasSql: modules.some((module) => module.type === 'sql'),
    inScopeEUD,
  };
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function readPath(root: Record<string, unknown>, path: (string | number)[]): unknown {
  let current: unknown = root;
  for (const step of path) current = current !== null && typeof current === 'object' ? (current as Record<string | number, unknown>)[step] : undefined;
  return current;
}

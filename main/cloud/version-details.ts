import { anything, boolean, fields, list, nullable, optional, recordOf, required, string, type Infer } from '../contract';
import { platformEnvironmentKey, type AppIds } from './app-ids';
import { noSuchApp } from './environments';
import { checkedData, type GraphqlCall } from './graphql-transport';
import { ForgePlatformError } from './platform-error';
import { environmentVersionsAnswer, noSuchEnvironment, VERSIONS_PAGE_SIZE } from './versions';

/** One egress entry of a deployed version, as the platform keeps it (`permissions.egress`). */
export interface CloudEgress {
  /** FETCH_BACKEND_SIDE, FETCH_CLIENT_SIDE, FONTS, FRAMES, IMAGES, MEDIA, NAVIGATION, SCRIPTS, STYLES; null when the platform gives none. */
  type: string | null;
  addresses: string[];
  /** ANALYTICS, or null. */
  category: string | null;
  /** Null when the platform does not say. */
  inScopeEUD: boolean | null;
}

/** One module of a deployed version: its key and the module's data (`type` is the module type, `core:function` for a function). */
export interface CloudModule {
  key: string;
  extensionData: Record<string, unknown>;
}

/** What a deployed version asks admins to approve, as `forge version details` reads it. */
export interface CloudVersionDetails {
  version: string;
  /** The environment as a user names it (`development` for the platform's `default`). */
  environment: string;
  scopes: string[];
  egress: CloudEgress[];
  /** `permissions.content` as deployed: SCRIPTS or STYLES, and their policies. */
  securityPolicies: { type: string | null; policies: string[] }[];
  modules: CloudModule[];
  requiresLicense: boolean;
}

const PAGE_SIZE = VERSIONS_PAGE_SIZE;
const MAX_PAGES = 50;

/**
 * The Forge CLI's `forge_cli_getApplicationVersionDetails` asks for the newest version of one major
 * version (`first: 1`). An installation runs one exact version, so Anvil pages through the major's
 * versions until it finds it, and selects only what the consent screen is made of.
 */
export const VERSION_DETAILS_QUERY = `
  query anvil_getVersionDetails($appId: ID!, $environmentKey: String!, $firstN: Int!, $majorVersion: Int, $after: String) {
    app(id: $appId) {
      environmentByKey(key: $environmentKey) {
        versions(first: $firstN, majorVersion: $majorVersion, after: $after) {
          nodes {
            version
            requiresLicense
            permissions {
              scopes {
                key
              }
              egress {
                type
                addresses
                category
                inScopeEUD
              }
              securityPolicies {
                type
                policies
              }
            }
            extensions {
              nodes {
                key
                extensionData
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

const MAX_ITEMS = 10_000;
const strings = list(string(), MAX_ITEMS);
const permission = fields({
  scopes: required(list(fields({ key: required(string({ nonEmpty: true })) }), MAX_ITEMS)),
  egress: optional(
    nullable(list(fields({ type: optional(nullable(string())), addresses: optional(nullable(strings)), category: optional(nullable(string())), inScopeEUD: optional(nullable(boolean)) }), MAX_ITEMS)),
  ),
  securityPolicies: optional(nullable(list(fields({ type: optional(nullable(string())), policies: optional(nullable(strings)) }), MAX_ITEMS))),
});
const versionNode = fields({
  version: required(string({ nonEmpty: true })),
  requiresLicense: required(boolean),
  permissions: required(list(permission, 100)),
  extensions: optional(nullable(fields({ nodes: optional(nullable(list(nullable(fields({ key: required(string()), extensionData: required(recordOf(anything)) })), MAX_ITEMS))) }))),
});
const detailsAnswer = environmentVersionsAnswer(versionNode);

type Run = (call: GraphqlCall) => Promise<Record<string, unknown>>;

/** The major part of a version as the platform numbers them (`4.2.0` → 4); null for another form. */
export function majorOf(version: string): number | null {
  const match = /^(\d+)\.\d+\.\d+$/.exec(version);
  return match ? Number(match[1]) : null;
}

/** The details of one deployed version of an environment: its scopes, egress, content policies, modules and licensing. */
export async function versionDetails(run: Run, ids: AppIds, environment: string, version: string): Promise<CloudVersionDetails> {
  const purpose = `read version ${version} of the app in ${environment}`;
  const majorVersion = majorOf(version);
  if (majorVersion === null) throw new ForgePlatformError('not-found', `Could not ${purpose}: "${version}" is not a version the platform numbers (major.minor.patch).`);
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = await run({ purpose, query: VERSION_DETAILS_QUERY, variables: { appId: ids.ari, environmentKey: platformEnvironmentKey(environment), firstN: PAGE_SIZE, majorVersion, after } });
    const app = checkedData(data.app, detailsAnswer, purpose, 'app');
    if (!app) throw noSuchApp(ids, purpose);
    if (!app.environmentByKey) throw noSuchEnvironment(purpose, environment);
    const found = app.environmentByKey.versions?.nodes?.find((node) => node?.version === version);
    if (found) return detailsOf(found, environment);
    const next = app.environmentByKey.versions?.pageInfo;
    if (!next?.hasNextPage || !next.endCursor) break;
    after = next.endCursor;
  }
  throw new ForgePlatformError('not-found', `Could not ${purpose}: the platform has no version ${version} in ${environment}. Refresh the Cloud pane: the installation may have been upgraded.`);
}

function detailsOf(node: Infer<typeof versionNode>, environment: string): CloudVersionDetails {
  const permissions = node.permissions;
  return {
    version: node.version,
    environment,
    scopes: [...new Set(permissions.flatMap((entry) => entry.scopes.map((scope) => scope.key)))],
    egress: permissions.flatMap((entry) =>
      (entry.egress ?? []).map((egress) => ({ type: egress.type ?? null, addresses: egress.addresses ?? [], category: egress.category ?? null, inScopeEUD: egress.inScopeEUD ?? null })),
    ),
    securityPolicies: permissions.flatMap((entry) => (entry.securityPolicies ?? []).map((policy) => ({ type: policy.type ?? null, policies: policy.policies ?? [] }))),
    modules: (node.extensions?.nodes ?? []).filter((module): module is CloudModule => module !== null),
    requiresLicense: node.requiresLicense,
  };
}

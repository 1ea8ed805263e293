import { boolean, fields, list, nullable, optional, required, string } from '../contract';
import { environmentName, type AppIds } from './app-ids';
import { noSuchApp } from './environments';
import { checkedData, type GraphqlCall } from './graphql-transport';
import { installationContext } from './installation-context';

/** One installation of the app, as `forge install list` shows it. */
export interface CloudInstallation {
  id: string;
  /** The site's host name (`example.atlassian.net`); the installation context itself when the platform does not resolve it. */
  site: string;
  /** The product that owns the installation context: jira, confluence, compass, bitbucket… */
  product: string;
  /** The environment's platform key (`default`, `staging`, …) and the name a user knows. */
  environment: string;
  environmentName: string;
  environmentType: string;
  /** The app version the installation runs; null when the platform does not say. */
  version: string | null;
  /** Whether that version is the newest of its environment. */
  isLatest: boolean;
  /** The installation context ARI. */
  context: string;
}

const PAGE_SIZE = 100;
const MAX_PAGES = 50;
/** Cloud ids per host-name lookup, as the Forge CLI batches them. */
const SITES_PER_LOOKUP = 20;

export const LIST_INSTALLATIONS_QUERY = `
  query anvil_listInstallations($filter: AppInstallationsByAppFilter!, $first: Int, $after: String) {
    ecosystem {
      appInstallationsByApp(filter: $filter, first: $first, after: $after) {
        nodes {
          id
          installationContext
          appEnvironment {
            key
            type
          }
          appEnvironmentVersion {
            isLatest
            version
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

export const SITE_HOST_NAMES_QUERY = `
  query anvil_getSiteHostNames($cloudIds: [ID!]!) {
    tenantContexts(cloudIds: $cloudIds) {
      cloudId
      hostName
    }
  }
`;

const installationsAnswer = nullable(
  fields({
    appInstallationsByApp: optional(
      nullable(
        fields({
          nodes: optional(
            nullable(
              list(
                nullable(
                  fields({
                    id: required(string()),
                    installationContext: required(string()),
                    appEnvironment: optional(nullable(fields({ key: required(string()), type: required(string()) }))),
                    appEnvironmentVersion: optional(nullable(fields({ isLatest: optional(nullable(boolean)), version: optional(nullable(string())) }))),
                  }),
                ),
                PAGE_SIZE * 4,
              ),
            ),
          ),
          pageInfo: optional(nullable(fields({ hasNextPage: required(boolean), endCursor: optional(nullable(string())) }))),
        }),
      ),
    ),
  }),
);

const tenantContexts = nullable(list(nullable(fields({ cloudId: optional(nullable(string())), hostName: optional(nullable(string())) })), SITES_PER_LOOKUP * 4));

type Run = (call: GraphqlCall) => Promise<Record<string, unknown>>;

export async function listInstallations(run: Run, ids: AppIds): Promise<CloudInstallation[]> {
  const purpose = "list the app's installations";
  const found: Omit<CloudInstallation, 'site'>[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = await run({ purpose, query: LIST_INSTALLATIONS_QUERY, variables: { filter: { apps: { ids: [ids.ari] } }, first: PAGE_SIZE, after } });
    const ecosystem = checkedData(data.ecosystem, installationsAnswer, purpose, 'ecosystem');
    const connection = ecosystem?.appInstallationsByApp;
    if (!connection?.nodes) throw noSuchApp(ids, purpose);
    connection.nodes.forEach((node) => {
      if (!node) return;
      const context = installationContext(node.installationContext);
      const environment = node.appEnvironment?.key ?? 'unknown';
      found.push({
        id: node.id,
        product: context?.product ?? 'unknown',
        environment,
        environmentName: environmentName(environment),
        environmentType: node.appEnvironment?.type ?? 'unknown',
        version: node.appEnvironmentVersion?.version ?? null,
        isLatest: node.appEnvironmentVersion?.isLatest ?? false,
        context: node.installationContext,
      });
    });
    if (!connection.pageInfo?.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  const hosts = await siteHostNames(
    run,
    found.map((installation) => installationContext(installation.context)?.cloudId).filter((id): id is string => Boolean(id)),
  );
  return found.map((installation) => {
    const cloudId = installationContext(installation.context)?.cloudId;
    return { ...installation, site: (cloudId && hosts.get(cloudId)) || installation.context };
  });
}

async function siteHostNames(run: Run, cloudIds: string[]): Promise<Map<string, string>> {
  const purpose = "find the sites of the app's installations";
  const unique = [...new Set(cloudIds)];
  const hosts = new Map<string, string>();
  for (let start = 0; start < unique.length; start += SITES_PER_LOOKUP) {
    const batch = unique.slice(start, start + SITES_PER_LOOKUP);
    const data = await run({ purpose, query: SITE_HOST_NAMES_QUERY, variables: { cloudIds: batch } });
    const contexts = checkedData(data.tenantContexts, tenantContexts, purpose, 'tenantContexts') ?? [];
    contexts.forEach((context, index) => {
      // The platform answers in the order asked; the cloud id, when given, is the surer key.
      const cloudId = context?.cloudId ?? batch[index];
      if (cloudId && context?.hostName) hosts.set(cloudId, context.hostName);
    });
  }
  return hosts;
}

import { boolean, fields, list, nullable, optional, required, string, type Check } from '../contract';
import { platformEnvironmentKey, type AppIds } from './app-ids';
import { noSuchApp } from './environments';
import { checkedData, type GraphqlCall } from './graphql-transport';
import { ForgePlatformError } from './platform-error';

/** One deployed version of the app in an environment, as `forge version list` counts them. */
export interface CloudVersion {
  version: string;
  /** Whether this is the newest version of the environment (what a new installation gets). */
  isLatest: boolean;
  /** When the version was deployed (ISO 8601). */
  createdAt: string;
}

/** Versions asked for per page, as the Forge CLI asks. */
export const VERSIONS_PAGE_SIZE = 20;
const PAGE_SIZE = VERSIONS_PAGE_SIZE;
const MAX_PAGES = 100;

export const LIST_VERSIONS_QUERY = `
  query anvil_listVersions($appId: ID!, $environmentKey: String!, $first: Int, $after: String) {
    app(id: $appId) {
      environmentByKey(key: $environmentKey) {
        versions(first: $first, after: $after) {
          nodes {
            version
            isLatest
            createdAt
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

/** The platform's answer to a query of one environment's versions (`app.environmentByKey.versions`), a page of `node`s. */
export function environmentVersionsAnswer<T>(node: Check<T>) {
  return nullable(
    fields({
      environmentByKey: optional(
        nullable(
          fields({
            versions: optional(
              nullable(
                fields({
                  nodes: optional(nullable(list(nullable(node), VERSIONS_PAGE_SIZE * 4))),
                  pageInfo: optional(nullable(fields({ hasNextPage: required(boolean), endCursor: optional(nullable(string())) }))),
                }),
              ),
            ),
          }),
        ),
      ),
    }),
  );
}

/** The app has no environment of that key on the platform. */
export function noSuchEnvironment(purpose: string, environment: string): ForgePlatformError {
  return new ForgePlatformError('not-found', `Could not ${purpose}: the app has no environment "${environment}" on the platform. Run forge environments list to see its environments.`);
}

const versionsAnswer = environmentVersionsAnswer(fields({ version: required(string()), isLatest: required(boolean), createdAt: required(string()) }));

type Run = (call: GraphqlCall) => Promise<Record<string, unknown>>;

export async function listVersions(run: Run, ids: AppIds, environment: string): Promise<CloudVersion[]> {
  const purpose = `list the app's versions in ${environment}`;
  const versions: CloudVersion[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = await run({ purpose, query: LIST_VERSIONS_QUERY, variables: { appId: ids.ari, environmentKey: platformEnvironmentKey(environment), first: PAGE_SIZE, after } });
    const app = checkedData(data.app, versionsAnswer, purpose, 'app');
    if (!app) throw noSuchApp(ids, purpose);
    if (!app.environmentByKey) throw noSuchEnvironment(purpose, environment);
    for (const node of app.environmentByKey.versions?.nodes ?? []) if (node) versions.push({ version: node.version, isLatest: node.isLatest, createdAt: node.createdAt });
    const next = app.environmentByKey.versions?.pageInfo;
    if (!next?.hasNextPage || !next.endCursor) break;
    after = next.endCursor;
  }
  return versions;
}

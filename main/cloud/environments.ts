import { boolean, fields, list, nullable, optional, required, string } from '../contract';
import { environmentName, platformEnvironmentKey, type AppIds } from './app-ids';
import { checkedData, type GraphqlCall } from './graphql-transport';
import { ForgePlatformError } from './platform-error';

/** One environment of the app on the platform, as `forge environments list` shows it. */
export interface CloudEnvironment {
  id: string;
  /** The platform's key: `default`, `staging`, `production` or a custom name. */
  key: string;
  /** The name a user knows: `development` for `default`, otherwise the key. */
  name: string;
  /** DEVELOPMENT, STAGING or PRODUCTION. */
  type: string;
  createdAt: string;
}

/** Environments per page; the platform allows at most 25 per app, the size the Forge CLI asks for. */
const PAGE_SIZE = 25;
/** A bound on pages, so an answer that always says "more" cannot keep Anvil asking. */
const MAX_PAGES = 40;

export const LIST_ENVIRONMENTS_QUERY = `
  query anvil_listEnvironments($id: ID!, $first: Int!, $after: String) {
    app(id: $id) {
      environmentsPage(first: $first, after: $after) {
        nodes {
          id
          key
          type
          createdAt
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

export const ENVIRONMENT_ID_QUERY = `
  query anvil_getEnvironmentId($id: ID!, $key: String!) {
    app(id: $id) {
      environmentByKey(key: $key) {
        id
      }
    }
  }
`;

const environmentsPage = nullable(
  fields({
    environmentsPage: optional(
      nullable(
        fields({
          nodes: optional(nullable(list(nullable(fields({ id: required(string()), key: required(string()), type: required(string()), createdAt: required(string()) })), PAGE_SIZE * 4))),
          pageInfo: optional(nullable(fields({ hasNextPage: required(boolean), endCursor: optional(nullable(string())) }))),
        }),
      ),
    ),
  }),
);

const environmentByKey = nullable(fields({ environmentByKey: optional(nullable(fields({ id: required(string({ nonEmpty: true })) }))) }));

type Run = (call: GraphqlCall) => Promise<Record<string, unknown>>;

export function noSuchApp(ids: AppIds, purpose: string): ForgePlatformError {
  return new ForgePlatformError(
    'not-found',
    `Could not ${purpose}: the platform knows no app ${ids.ari} that this account can see. Check app.id in manifest.yml, or log in with an account that is a contributor to the app.`,
  );
}

export async function listEnvironments(run: Run, ids: AppIds): Promise<CloudEnvironment[]> {
  const purpose = "list the app's environments";
  const environments: CloudEnvironment[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = await run({ purpose, query: LIST_ENVIRONMENTS_QUERY, variables: { id: ids.ari, first: PAGE_SIZE, after } });
    const app = checkedData(data.app, environmentsPage, purpose, 'app');
    if (!app) throw noSuchApp(ids, purpose);
    for (const node of app.environmentsPage?.nodes ?? []) {
      if (node) environments.push({ id: node.id, key: node.key, name: environmentName(node.key), type: node.type, createdAt: node.createdAt });
    }
    const next = app.environmentsPage?.pageInfo;
    if (!next?.hasNextPage || !next.endCursor) return environments;
    after = next.endCursor;
  }
  return environments;
}

export async function environmentId(run: Run, ids: AppIds, environment: string): Promise<string> {
  const key = platformEnvironmentKey(environment);
  const purpose = `find the ${environment} environment`;
  const data = await run({ purpose, query: ENVIRONMENT_ID_QUERY, variables: { id: ids.ari, key } });
  const app = checkedData(data.app, environmentByKey, purpose, 'app');
  if (!app) throw noSuchApp(ids, purpose);
  if (!app.environmentByKey)
    throw new ForgePlatformError('not-found', `Could not ${purpose}: the app has no environment "${environment}" on the platform. Run forge environments list to see its environments.`);
  return app.environmentByKey.id;
}

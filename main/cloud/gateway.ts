/** The Forge platform's GraphQL gateway, the one the Forge CLI calls. */
export const DEFAULT_GRAPHQL_GATEWAY = 'https://api.atlassian.com/graphql';

/**
 * The gateway Anvil calls: the option when given, else `FORGE_GRAPHQL_GATEWAY` as the Forge CLI reads
 * it, else api.atlassian.com. Only https is accepted, because every request carries the API token.
 */
export function graphqlGateway(option: string | undefined, env: NodeJS.ProcessEnv): URL {
  const chosen = option ?? (env.FORGE_GRAPHQL_GATEWAY || DEFAULT_GRAPHQL_GATEWAY);
  const source = option !== undefined ? 'The gateway URL' : env.FORGE_GRAPHQL_GATEWAY ? 'FORGE_GRAPHQL_GATEWAY' : 'The gateway URL';
  let url: URL;
  try {
    url = new URL(chosen);
  } catch {
    throw new Error(`${source} is not a URL (${chosen}); use https://api.atlassian.com/graphql or unset it.`);
  }
  if (url.protocol !== 'https:') throw new Error(`${source} must use https, because every request carries your API token (got ${url.protocol}//${url.host}).`);
  if (url.username || url.password) throw new Error(`${source} must not contain a user name or password; Anvil sends your Atlassian login itself.`);
  return url;
}

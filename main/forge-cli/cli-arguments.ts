import { AnvilError } from '../contract';

/** The Forge CLI's major release Anvil runs through npx when no `forge` is installed. */
export const PINNED_FORGE_CLI = '@forge/cli@13';

/** What the workbench asks the Forge CLI to do. */
export type ForgeCliCommand = { command: 'deploy'; environment: string } | { command: 'install-upgrade'; environment: string; site: string; product: string };

// The platform's environment names: the three built-in ones, or a custom one in lowercase letters,
// digits and dashes (what `forge environments create` and Anvil's own environments accept). Nothing
// that starts with a dash, so a name can never be read as an option.
const ENVIRONMENT_KEY = /^[a-z0-9][a-z0-9-]{0,49}$/;
// A site is a host name (example.atlassian.net), optionally written as its https URL.
const SITE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+$/;
/** The products `forge install --product` takes. */
export const FORGE_PRODUCTS = ['jira', 'confluence', 'compass', 'bitbucket'] as const;

/** An environment name the CLI may be given, or an error saying what a valid one looks like. */
export function forgeEnvironmentKey(key: string): string {
  if (!ENVIRONMENT_KEY.test(key)) {
    throw new AnvilError(
      'bad-request',
      `"${key}" is not a Forge environment name: use development, staging, production, or a custom environment's name in lowercase letters, digits and dashes (up to 50, not starting with a dash), e.g. dev-alice.`,
    );
  }
  return key;
}

/** A site as `forge install --site` takes it: the host name, from either the name or its https URL. */
export function forgeSite(typed: string): string {
  const host = typed
    .trim()
    .toLowerCase()
    .replace(/^https:\/\//, '')
    .replace(/\/$/, '');
  if (!SITE.test(host)) throw new AnvilError('bad-request', `"${typed}" is not a site: give its host name, e.g. your-team.atlassian.net.`);
  return host;
}

export function forgeProduct(typed: string): string {
  const product = typed.trim().toLowerCase();
  if (!(FORGE_PRODUCTS as readonly string[]).includes(product))
    throw new AnvilError('bad-request', `"${typed}" is not a product the Forge CLI installs into; use one of ${FORGE_PRODUCTS.join(', ')}.`);
  return product;
}

/**
 * The CLI's arguments, built word by word (never a command line a shell reads). `--non-interactive`
 * because no one can answer a prompt in a run Anvil started; the CLI then needs every choice given.
 */
export function forgeCliArguments(request: ForgeCliCommand): string[] {
  const environment = forgeEnvironmentKey(request.environment);
  if (request.command === 'deploy') return ['deploy', '--environment', environment, '--non-interactive'];
  return ['install', '--upgrade', '--environment', environment, '--site', forgeSite(request.site), '--product', forgeProduct(request.product), '--non-interactive'];
}

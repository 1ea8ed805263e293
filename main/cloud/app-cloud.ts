import type { CloudOverview } from '../../common/types';
import { AnvilError } from '../contract';
import type { AtlassianLogin } from '../vault';
import { appIds } from './app-ids';
import { ForgePlatformClient } from './forge-platform-client';
import { isForgePlatformError, type ForgePlatformError } from './platform-error';
import type { CloudVersionDetails } from './version-details';

export interface AppCloudOptions {
  /** The manifest's app.id as saved now; null when it has none (read on every request: forge register may add it). */
  appId: () => Promise<string | null>;
  /** The developer's Atlassian login, looked up on every request (it may be added meanwhile). */
  login: () => Promise<AtlassianLogin | null>;
  /** The gateway; default FORGE_GRAPHQL_GATEWAY, else the platform's. */
  gateway?: string;
  /** Only for tests against a stand-in gateway with its own certificate; verification stays on. */
  testOnlyExtraCaCertificates?: readonly string[];
  now?: () => number;
}

/** How long an overview is reused when the caller does not ask for a fresh one. */
export const OVERVIEW_REUSE_MS = 5 * 60_000;

type Installation = CloudOverview['installations'][number];

/**
 * The open app on the Forge platform: its overview (environments, installations, versions) with the
 * states a pane states, and the version an installation runs, for the consent pane's base. The token
 * stays here: answers carry the account's email at most.
 */
export class AppCloud {
  private last: CloudOverview | null = null;
  private readonly details = new Map<string, Promise<CloudVersionDetails>>();
  private readonly now: () => number;

  constructor(private readonly options: AppCloudOptions) {
    this.now = options.now ?? Date.now;
  }

  async overview(refresh: boolean): Promise<CloudOverview> {
    const last = this.last;
    // The platform's Retry-After is honoured even when asked to refresh.
    if (last?.status === 'rate-limited' && last.retryAt !== null && last.retryAt > this.now()) return last;
    const appId = await this.options.appId();
    if (!refresh && last?.status === 'ready' && last.checkedAt !== null && this.now() - last.checkedAt < OVERVIEW_REUSE_MS && last.appId === appId) return last;
    const next = await this.ask(appId);
    this.last = next;
    if (refresh) this.details.clear();
    return next;
  }

  /** The details of the version an installation runs, and the label the consent pane shows for it. */
  async installedVersion(installationId: string): Promise<{ details: CloudVersionDetails; label: string }> {
    let overview = await this.overview(false);
    let installation = overview.installations.find((candidate) => candidate.id === installationId);
    // A list older than the installation: ask once more before saying it is unknown.
    if (overview.status === 'ready' && !installation) {
      overview = await this.overview(true);
      installation = overview.installations.find((candidate) => candidate.id === installationId);
    }
    if (overview.status !== 'ready') throw new AnvilError('bad-request', `Cannot compare with the installation ${installationId}: ${overview.message ?? 'the Forge platform did not answer.'}`);
    if (!installation)
      throw new AnvilError('bad-request', `The app has no installation ${installationId} on the platform any more. Refresh the Cloud pane and pick another installation to compare with.`);
    const where = `${installation.site} (${installation.environment})`;
    if (!installation.version) throw new AnvilError('bad-request', `The platform names no version for the installation on ${where}; compare with a snapshot or a git revision instead.`);
    const version = installation.version;
    const key = `${installation.environment}@${version}`;
    let pending = this.details.get(key);
    if (!pending) {
      pending = this.withClient((client, appId) => client.versionDetails(appId, installation.environment, version));
      this.details.set(key, pending);
      // A failure is not remembered: the next preview asks again.
      pending.catch(() => this.details.delete(key));
    }
    try {
      return { details: await pending, label: `version ${version} installed on ${where}` };
    } catch (error) {
      if (error instanceof AnvilError) throw error;
      throw new AnvilError('bad-request', `Cannot read version ${version} installed on ${where}: ${(error as Error).message}`);
    }
  }

  private async withClient<T>(use: (client: ForgePlatformClient, appId: string) => Promise<T>): Promise<T> {
    const appId = await this.options.appId();
    if (!appId) throw new AnvilError('bad-request', 'manifest.yml has no app.id: run forge register to give the app its id on the platform.');
    const login = await this.options.login();
    if (!login) throw new AnvilError('bad-request', 'No Atlassian login: add your account in the Credentials pane (or run forge login).');
    return use(this.client(login), appId);
  }

  private client(login: AtlassianLogin): ForgePlatformClient {
    return new ForgePlatformClient({ login, gateway: this.options.gateway, extraCaCertificates: this.options.testOnlyExtraCaCertificates, now: this.now });
  }

  private async ask(appId: string | null): Promise<CloudOverview> {
    const empty = { retryAt: null, appId, account: null, checkedAt: null, environments: [], installations: [], versions: [] };
    if (!appId) return { ...empty, status: 'no-app-id', message: 'manifest.yml has no app.id. Run forge register in the app folder to give the app its id on the platform, then Refresh.' };
    try {
      appIds(appId);
    } catch {
      return {
        ...empty,
        status: 'no-app-id',
        message: `app.id in manifest.yml (${appId}) is not an app the platform can know: it looks like a placeholder. Run forge register to get the app's real id, then Refresh.`,
      };
    }
    const login = await this.options.login();
    if (!login) return { ...empty, status: 'no-login', message: 'No Atlassian login in the keychain. Add your email and API token in the Credentials pane (or run forge login), then Refresh.' };
    const client = this.client(login);
    try {
      const environments = await client.listEnvironments(appId);
      const installations = await client.listInstallations(appId);
      const versions = [];
      for (const environment of environments) versions.push({ environment: environment.name, versions: await client.listVersions(appId, environment.key) });
      return {
        status: 'ready',
        message: null,
        retryAt: null,
        appId,
        account: login.email,
        checkedAt: this.now(),
        environments: environments.map(({ key, name, type, createdAt }) => ({ key, name, type, createdAt })),
        installations: installations.map(({ id, site, product, environmentName, environmentType, version, isLatest }): Installation => ({
          id,
          site,
          product,
          environment: environmentName,
          environmentType,
          version,
          isLatest,
        })),
        versions: versions.map(({ environment, versions: list }) => ({ environment, versions: list.map(({ version, isLatest, createdAt }) => ({ version, isLatest, createdAt })) })),
      };
    } catch (error) {
      if (!isForgePlatformError(error)) throw error;
      return { ...empty, account: login.email, ...failureState(error, this.now()) };
    }
  }
}

/** The state a pane shows for a failed request: the error's message already says what to do. */
function failureState(error: ForgePlatformError, now: number): Pick<CloudOverview, 'status' | 'message' | 'retryAt'> {
  const message = error.message;
  switch (error.kind) {
    case 'unauthorized':
      return { status: 'token-refused', message, retryAt: null };
    case 'rate-limited':
      return { status: 'rate-limited', message, retryAt: error.retryAfterMs === undefined ? null : now + error.retryAfterMs };
    case 'offline':
    case 'timeout':
      return { status: 'offline', message: `${message} Nothing local is affected; Refresh when you are back online.`, retryAt: null };
    case 'not-found':
      return { status: 'app-not-found', message, retryAt: null };
    case 'unavailable':
      return { status: 'unavailable', message, retryAt: null };
    default:
      return { status: 'failed', message, retryAt: null };
  }
}

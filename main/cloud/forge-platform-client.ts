import type { AtlassianLogin } from '../vault';
import { anvilVersion } from '../version';
import { appIds } from './app-ids';
import { appLogs, MAX_LOG_PAGE, type AppLogsPage, type AppLogsRequest, type CloudLogLine } from './app-logs';
import { environmentId, listEnvironments, type CloudEnvironment } from './environments';
import { graphqlGateway } from './gateway';
import { postGraphql, type GraphqlCall, type GraphqlTransportOptions } from './graphql-transport';
import { listInstallations, type CloudInstallation } from './installations';
import { versionDetails, type CloudVersionDetails } from './version-details';
import { listVersions, type CloudVersion } from './versions';

export interface ForgePlatformOptions {
  /** The Atlassian account whose API token authenticates every call. */
  login: AtlassianLogin;
  /** The GraphQL gateway; default `FORGE_GRAPHQL_GATEWAY` from `env`, else https://api.atlassian.com/graphql. Must be https. */
  gateway?: string;
  /** Where `FORGE_GRAPHQL_GATEWAY` is read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** PEM certificates to trust besides the system's roots (a stand-in gateway's self-signed one). */
  extraCaCertificates?: readonly string[];
  /** How long one call may take, whole answer included; default 20 s. */
  timeoutMs?: number;
  /** The clock `Retry-After` dates and the default end of a log window are read from. */
  now?: () => number;
}

export interface AllAppLogsRequest extends Omit<AppLogsRequest, 'offset' | 'limit'> {
  /** Lines per request; default 200. */
  pageSize?: number;
  /** Stop after this many lines; default 10,000. */
  maxLines?: number;
}

export interface AllAppLogs {
  lines: CloudLogLine[];
  /** How many lines the window held when the last page was read. */
  totalLogs: number;
  /** Whether lines were left unread because of `maxLines`. */
  truncated: boolean;
  window: { since: Date; until: Date };
}

const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * Anvil's client for the Forge platform's GraphQL API: the app's environments, installations,
 * versions and cloud logs, the same calls the Forge CLI makes. Every answer is checked field by
 * field; every failure is a `ForgePlatformError` whose kind says what to do.
 */
export class ForgePlatformClient {
  /** The gateway this client calls. */
  readonly gateway: string;
  private readonly transport: GraphqlTransportOptions;
  private readonly now: () => number;

  constructor(options: ForgePlatformOptions) {
    const gateway = graphqlGateway(options.gateway, options.env ?? process.env);
    this.gateway = gateway.href;
    this.now = options.now ?? Date.now;
    this.transport = {
      gateway,
      login: { email: options.login.email, token: options.login.token },
      extraCaCertificates: options.extraCaCertificates ?? [],
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      userAgent: `Anvil/${anvilVersion()}`,
      now: this.now,
    };
  }

  /** Every environment of the app (`forge environments list`). */
  listEnvironments(appId: string): Promise<CloudEnvironment[]> {
    return listEnvironments(this.run, appIds(appId));
  }

  /** The platform id of an environment named by its key; `development` stands for `default`, as in the Forge CLI. */
  environmentId(appId: string, environment: string): Promise<string> {
    return environmentId(this.run, appIds(appId), environment);
  }

  /** Every installation of the app: site, product, environment and version (`forge install list`). */
  listInstallations(appId: string): Promise<CloudInstallation[]> {
    return listInstallations(this.run, appIds(appId));
  }

  /** The versions deployed to one environment (`forge version list`). */
  listVersions(appId: string, environment: string): Promise<CloudVersion[]> {
    return listVersions(this.run, appIds(appId), environment);
  }

  /** What one deployed version asks admins to approve: scopes, egress, content policies, modules, licensing (`forge version details`). */
  versionDetails(appId: string, environment: string, version: string): Promise<CloudVersionDetails> {
    return versionDetails(this.run, appIds(appId), environment, version);
  }

  /** One page of an environment's cloud logs in a time window. */
  appLogs(request: AppLogsRequest): Promise<AppLogsPage> {
    return appLogs(this.run, appIds(request.appId), request, this.now);
  }

  /**
   * Every line of a time window, page after page. The window's end is fixed at the first page (now
   * when not given), so lines written meanwhile do not shift the offsets: no line twice, none skipped.
   */
  async allAppLogs(request: AllAppLogsRequest): Promise<AllAppLogs> {
    const pageSize = Math.min(request.pageSize ?? 200, MAX_LOG_PAGE);
    const maxLines = request.maxLines ?? 10_000;
    const until = request.until ?? new Date(this.now());
    const lines: CloudLogLine[] = [];
    for (;;) {
      const page = await this.appLogs({ ...request, until, offset: lines.length, limit: Math.min(pageSize, maxLines - lines.length) });
      lines.push(...page.lines);
      const totalLogs = page.totalLogs;
      // An empty page that claims more would never end; the platform has nothing further to give.
      if (!page.hasNextPage || page.lines.length === 0) return { lines, totalLogs, truncated: false, window: page.window };
      if (lines.length >= maxLines) return { lines, totalLogs, truncated: true, window: page.window };
    }
  }

  private readonly run = (call: GraphqlCall): Promise<Record<string, unknown>> => postGraphql(this.transport, call);
}

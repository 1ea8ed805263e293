import type { CloudFollowStatus } from '../common/types';
import { CloudLogFollower, environmentName, ForgePlatformClient, platformEnvironmentKey, type CloudFollowState, type CloudLogSink } from './cloud';
import type { AtlassianLogin } from './vault';

export interface CloudFollowsOptions {
  /** The manifest's app.id; null when it has none. */
  appId: string | null;
  /** The developer's Atlassian login, looked up when following starts. */
  login: () => Promise<AtlassianLogin | null>;
  /** Where an environment's lines are stored (and shown). */
  sink: (environment: string) => CloudLogSink;
  onState: (status: CloudFollowStatus) => void;
  /** The gateway; default FORGE_GRAPHQL_GATEWAY, else the platform's. */
  gateway?: string;
  /** Only for tests against a stand-in gateway with its own certificate; verification stays on. */
  testOnlyExtraCaCertificates?: readonly string[];
}

/** The open app's cloud log followers, one per environment, each started and stopped on request. */
export class CloudFollows {
  private readonly followers = new Map<string, CloudLogFollower>();

  constructor(private readonly options: CloudFollowsOptions) {}

  /** Start following an environment (already following: its status as it is). */
  async follow(requested: string): Promise<CloudFollowStatus> {
    const environment = environmentName(platformEnvironmentKey(requested));
    const running = this.followers.get(environment);
    if (running && running.state.status !== 'stopped') return statusOf(environment, running.state, running.stored);
    const { appId } = this.options;
    if (!appId) return this.refuse(environment, 'not-found', 'manifest.yml has no app.id: run forge register to give the app its id on the platform, then follow again.');
    const login = await this.options.login();
    if (!login) {
      return this.refuse(environment, 'no-login', 'No Atlassian login: add your account in the Credentials pane (or run forge login), then follow again.');
    }
    const client = new ForgePlatformClient({ login, gateway: this.options.gateway, extraCaCertificates: this.options.testOnlyExtraCaCertificates });
    const follower: CloudLogFollower = new CloudLogFollower({
      client,
      appId,
      environment,
      sink: this.options.sink(environment),
      onState: (state) => this.options.onState(statusOf(environment, state, follower.stored)),
    });
    this.followers.set(environment, follower);
    follower.start();
    return statusOf(environment, follower.state, follower.stored);
  }

  /** Stop following an environment; what is stored stays. */
  stop(requested: string): CloudFollowStatus {
    const environment = environmentName(platformEnvironmentKey(requested));
    const follower = this.followers.get(environment);
    if (!follower) return { environment, status: 'stopped', reason: 'stopped', message: 'Not following.', retryAt: null, linesStored: 0 };
    follower.stop();
    this.followers.delete(environment);
    return statusOf(environment, follower.state, follower.stored);
  }

  /** Stop every follower (the app closes), each after its read under way. */
  async stopAll(): Promise<void> {
    const all = [...this.followers.values()];
    this.followers.clear();
    for (const follower of all) follower.stop();
    await Promise.all(all.map((follower) => follower.settled()));
  }

  private refuse(environment: string, reason: string, message: string): CloudFollowStatus {
    const status: CloudFollowStatus = { environment, status: 'stopped', reason, message, retryAt: null, linesStored: 0 };
    this.options.onState(status);
    return status;
  }
}

function statusOf(environment: string, state: CloudFollowState, linesStored: number): CloudFollowStatus {
  switch (state.status) {
    case 'starting':
      return { environment, status: 'starting', reason: null, message: 'Connecting to the Forge platform…', retryAt: null, linesStored };
    case 'following':
      return { environment, status: 'following', reason: null, message: 'Following cloud logs.', retryAt: null, linesStored };
    case 'waiting':
      return { environment, status: 'waiting', reason: state.reason, message: state.message, retryAt: state.retryAt, linesStored };
    case 'stopped':
      return { environment, status: 'stopped', reason: state.reason, message: state.message, retryAt: null, linesStored };
  }
}

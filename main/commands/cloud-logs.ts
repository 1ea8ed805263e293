import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppSummary } from '../../common/types';
import { terminalJson } from '../../common/terminal-text';
import { CloudLogFollower, describeFollowState, environmentName, FIRST_START_LOOKBACK_MS, ForgePlatformClient, isForgePlatformError, platformEnvironmentKey, type CloudFollowState } from '../cloud';
import { openAppDatabaseFor } from '../database';
import { cloudEnvironment, cloudLogSink, exportRecord, LogStore, Redactor, type LogFilter, type SecretValue, type StoredLogLine } from '../logs';
import { findForgeLogin, KeychainClient, parseAtlassianLogin, storedAtlassianLogin, Vault, type AtlassianLogin } from '../vault';
import { CommandError, type CommandIO } from './command';
import { tunnelLine } from './local-app';

import { TEST_ONLY_GATEWAY_CA_FILE } from './gateway-ca';

export { TEST_ONLY_GATEWAY_CA_FILE };

export interface CloudLogsOptions {
  /** The environment as the Forge CLI names it: development, staging, production or a custom one. */
  environment: string;
  /** From when (epoch ms); default one hour back. */
  since?: number;
  /** What is printed (level, words, invocation); every line read is stored. */
  filter: Pick<LogFilter, 'minLevel' | 'text' | 'invocationId' | 'limit'>;
  follow: boolean;
  json: boolean;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * `anvil logs <app> --cloud`: the app's logs in a real environment, read from the Forge platform with
 * the developer's Atlassian login, stored with the local lines, and printed like them; with --follow,
 * new lines as they arrive and what the follower is doing (rate limited, waiting, stopped and why).
 */
export async function cloudLogs(summary: AppSummary, options: CloudLogsOptions, io: CommandIO): Promise<number> {
  const env = options.env ?? process.env;
  if (!summary.appId) throw new CommandError('manifest.yml has no app.id: run forge register (or forge create) to give the app its id on the platform, then try again.');
  const key = environmentName(platformEnvironmentKey(options.environment));
  const { login, secrets } = await findLogin(options.dataDir, env);
  const redactor = new Redactor();
  // The token itself first: a platform that echoes it must not get it into the store.
  redactor.setSecrets([{ name: 'atlassian-account', value: login.token }, ...secrets]);
  const caFile = env[TEST_ONLY_GATEWAY_CA_FILE];
  const client = new ForgePlatformClient({ login, env, extraCaCertificates: caFile ? [readFileSync(caFile, 'utf8')] : [] });
  const db = openAppDatabaseFor(options.dataDir, summary.folder);
  try {
    const store = new LogStore(db, { redactor });
    const environment = cloudEnvironment(key);
    const since = options.since ?? Date.now() - FIRST_START_LOOKBACK_MS;
    const filter: LogFilter = { ...options.filter, environment };
    const print = (line: StoredLogLine) => io.out(options.json ? terminalJson(exportRecord(line)) : tunnelLine(line.level, line.invocationId, line.message));
    let lastState: CloudFollowState | null = null;
    let stopped: () => void = () => undefined;
    const stoppedByPlatform = new Promise<void>((resolve) => (stopped = resolve));
    const follower = new CloudLogFollower({
      client,
      appId: summary.appId,
      environment: key,
      sink: cloudLogSink(store, key, (text) => redactor.redact(text)),
      since,
      onState: (state) => {
        if (options.follow && changed(lastState, state)) io.err(redactor.redact(describeFollowState(state, Date.now())));
        lastState = state;
        if (state.status === 'stopped') stopped();
      },
    });

    if (!options.follow) {
      try {
        await follower.readOnce();
      } catch (error) {
        if (isForgePlatformError(error)) throw new CommandError(redactor.redact(error.message));
        throw error;
      }
      const page = store.query({ ...filter, since });
      for (const line of [...page.lines].reverse()) print(line);
      if (page.lines.length === 0 && !options.json) io.err(`No cloud log lines in ${key} since ${new Date(since).toISOString()}. Add --follow to wait for new ones.`);
      return 0;
    }

    // What is stored from earlier reads first, then each line as it is stored.
    const earlier = store.query({ ...filter, since });
    for (const line of [...earlier.lines].reverse()) print(line);
    const unfollow = store.follow(filter, (lines) => lines.forEach(print));
    follower.start();
    await Promise.race([io.untilInterrupted(), stoppedByPlatform]);
    const failed = follower.state.status === 'stopped';
    follower.stop();
    await follower.settled();
    unfollow();
    return failed ? 1 : 0;
  } finally {
    db.close();
  }
}

/** A new status or reason is worth a line; another read at the same pace is not. */
function changed(before: CloudFollowState | null, after: CloudFollowState): boolean {
  if (before === null || before.status !== after.status) return true;
  if (after.status === 'waiting' && before.status === 'waiting') return after.reason !== before.reason;
  return false;
}

/**
 * The Atlassian login as the Forge CLI finds it (FORGE_EMAIL and FORGE_API_TOKEN first), else the
 * account in Anvil's vault, else the Forge CLI's keychain entry; and the vault's secrets, to redact.
 */
/** The developer's Atlassian login as the Forge CLI finds it (environment, Anvil's vault, forge login), and the vault's secrets to redact. */
export async function findLogin(dataDir: string, env: NodeJS.ProcessEnv): Promise<{ login: AtlassianLogin; secrets: SecretValue[] }> {
  if (env.FORGE_EMAIL && env.FORGE_API_TOKEN) return { login: { email: env.FORGE_EMAIL, token: env.FORGE_API_TOKEN }, secrets: [] };
  const keychain = new KeychainClient();
  try {
    const vault = new Vault(path.resolve(dataDir), keychain);
    const login = (await storedAtlassianLogin(vault).catch(() => null)) ?? (await findForgeLogin(keychain, env)).login;
    if (!login) {
      throw new CommandError(
        'No Atlassian login found: set FORGE_EMAIL and FORGE_API_TOKEN, run forge login, or add the account to Anvil (npm run anvil -- vault set atlassian-account <label>, token from standard input).',
      );
    }
    return { login, secrets: await vaultSecrets(vault) };
  } finally {
    keychain.close();
  }
}

async function vaultSecrets(vault: Vault): Promise<SecretValue[]> {
  const secrets: SecretValue[] = [];
  for (const credential of await vault.list().catch(() => [])) {
    const value = await vault.read(credential.name).catch(() => null);
    if (value === null) continue;
    const login = credential.kind === 'atlassian-account' ? parseAtlassianLogin(value) : null;
    secrets.push({ name: credential.name, value: login?.ok ? login.value.token : value });
  }
  return secrets;
}

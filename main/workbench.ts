/**
 * Composition root: builds the services and implements the contract. Both shells (desktop and
 * web) construct exactly one Workbench and only translate between their transport and it.
 */
import type { AnvilCalls, CallRequest } from '../common/api';
import type {
  AppFileDocument,
  AppFolderListing,
  AppSearchResult,
  CodeLocation,
  PreviewModule,
  PreviewSession,
  Environment,
  EnvironmentState,
  EventDelivery,
  InvocationSummary,
  InvocationTimeline,
  LevelCounts,
  LogPage,
  TriggersView,
  InstallationInfo,
  RunnableFunctions,
  RunResult,
  StorageEntry,
  SqlOverview,
  SqlQueryResult,
  AccountCheck,
  AnalysisReport,
  AppSummary,
  AppFolderCheck,
  ConsentBase,
  CredentialInfo,
  CredentialKind,
  ForgeLoginFound,
  VaultStatus,
  ConsentBases,
  ConsentPreview,
  FolderChoice,
  ManifestDocument,
  ManifestVocabulary,
  ScopeExplanation,
  ShellKind,
  SourceFile,
  WorkbenchInfo,
  CloudFollowStatus,
  CloudOverview,
  ForgeCliInfo,
  ForgeCliRun,
  ForgeDeployCheck,
} from '../common/types';
import { AppAnalysis } from './analysis';
import { appDataFolder, describeAppFolder, readAppSourceFile, resolveAppFolderPath } from './app';
import { checkedRelativePath, listAppFolder, locateHandler, readAppFile, saveAppFile, searchAppFiles } from './app-files';
import { listBases, previewConsent, saveSnapshot } from './consent';
import { AnvilError } from './contract';
import { randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commonModuleKeys, declaredScopes, MANIFEST_FILE_NAME, ManifestFile, manifestOverLimit, manifestTooLargeFor, moduleTypes, parseManifest, sharedSchemaValidator } from './manifest';
import { llmOptions, sqlEngineFromSettings, type AppRunner } from './runner';
import type { AppTriggers } from './triggers';
import { AppRuntime } from './app-runtime';
import { knownSecrets, type AppLogs } from './app-logs';
import { CloudFollows } from './cloud-follows';
import { AppCloud } from './cloud';
import { moduleResolverCall, PreviewRealtime, PreviewServer, previewModules, previewSite, REALTIME_BRIDGE_CALLS, resourceFolder } from './preview';
import { environmentState, type EnvironmentService } from './environments';
import { allScopes, explainScope } from './scopes';
import { TerminalSessions, terminalEnvironment } from './terminal';
import { findForgeLogin, KeychainClient, storedAtlassianLogin, Vault, verifyAtlassianLogin, type AtlassianLogin } from './vault';
import { DEFAULT_SETTINGS, MAX_PREFERENCES, PREFERENCE_KEY_PATTERN, withRecentApp, type SettingsStore } from './settings';
import { StreamHub } from './stream-hub';
import { deployCheck, ForgeCli, forgeEnvironmentKey, recordForgeDeploy, versionAgainstDeployed, type ForgeCliCommand } from './forge-cli';

export interface WorkbenchOptions {
  shell: ShellKind;
  version: string;
  settings: SettingsStore;
  /** A native folder picker, where the shell has one. */
  pickFolder?: () => Promise<string | null>;
  /** Anvil's data folder (snapshots of installed versions and the vault's index of names live under it). */
  dataDir?: string;
  /** The keychain; a test passes one bound to its private Secret Service. */
  keychain?: KeychainClient;
  /** The Forge platform's gateway for cloud logs; default FORGE_GRAPHQL_GATEWAY, else the platform's. */
  forgeGateway?: string;
  /** Only for tests against a stand-in gateway: its self-signed certificate, trusted besides the system's roots. */
  testOnlyGatewayCaCertificates?: readonly string[];
}

/** One open app: what it is, its manifest file, its analysis and its runtime. */
interface AppSession {
  app: AppSummary;
  readonly manifest: ManifestFile;
  readonly analysis: AppAnalysis;
  readonly runtime: AppRuntime;
}

export class Workbench implements AnvilCalls {
  readonly streams = new StreamHub();
  /** The open app and everything that serves it; replaced whole, so no call sees half of one app and half of another. */
  private session: AppSession | null = null;
  private preview: PreviewServer | null = null;
  private previewWatcher: FSWatcher | null = null;
  /** Invocations started by runFunction that have not ended: what Stop ends. */
  private readonly runningFunctions = new Set<AbortController>();
  /** The open app's cloud log followers (made on the first followCloudLogs). */
  private cloudFollows: { session: AppSession; follows: CloudFollows } | null = null;
  /** The open app on the Forge platform: overview and installed versions (made on first use). */
  private appCloud: { session: AppSession; cloud: AppCloud } | null = null;
  private readonly previews = new Map<string, { folder: string; moduleKey: string; moduleType: string; environment: string; installation?: string; context: Record<string, unknown> | null }>();
  /** Forge Realtime subscriptions of preview pages. */
  private readonly previewRealtime = new PreviewRealtime();
  private readonly schema = sharedSchemaValidator();
  private readonly keychain: KeychainClient;
  private readonly vault: Vault | null;
  /** The real Forge CLI for the open app (found on first use). */
  private forgeCli: { folder: string; cli: ForgeCli } | null = null;
  private readonly terminals = new TerminalSessions({
    output: (terminalId, data) => this.streams.publish('terminalOutput', { terminalId, data }),
    exit: (terminalId, exitCode) => this.streams.publish('terminalExit', { terminalId, exitCode }),
  });

  constructor(private readonly options: WorkbenchOptions) {
    // The schema takes seconds to compile; start now so the first keystroke does not wait for it.
    this.schema.warmUp();
    void this.schema.whenReady().then(() => this.streams.publish('analysisOutdated', { reason: 'the manifest schema is loaded' }));
    this.keychain = options.keychain ?? new KeychainClient();
    this.vault = options.dataDir ? new Vault(options.dataDir, this.keychain) : null;
  }

  async getWorkbenchInfo(): Promise<WorkbenchInfo> {
    return { version: this.options.version, shell: this.options.shell, canPickFolder: this.options.pickFolder !== undefined };
  }

  async getCurrentApp(): Promise<AppSummary | null> {
    return this.app;
  }

  /**
   * Open an app: everything for it is built before the open app is let go, so an app that cannot be
   * opened (no manifest, a damaged database) leaves the open one working as it was.
   */
  async openApp(request: { folder: string }): Promise<AppSummary> {
    const summary = await describeAppFolder(this.typedAppFolder(request.folder), request.folder);
    const manifest = new ManifestFile(summary.folder);
    await manifest.read();
    const runtime = AppRuntime.open(summary, {
      dataDir: this.options.dataDir ?? null,
      environmentsDataDir: this.options.dataDir ?? null,
      vault: this.vault,
      llm: llmOptions(() => this.options.settings.get('llmEndpoint'), this.vault),
      sqlEngine: sqlEngineFromSettings(this.options.settings.get('sqlServer'), this.vault) ?? undefined,
      onLog: (invocationId, level, message, _origin, mark) => this.streams.publish('runnerLog', { invocationId, level, message, ...(mark.platformDrop ? { platformDrop: mark.platformDrop } : {}) }),
      onTriggerLog: (environment, line) =>
        this.streams.publish('triggerActivity', { environment, level: line.level, moduleKey: line.moduleKey, invocationId: line.invocationId, message: line.message }),
      logs: {
        onStored: (environment, lines) => this.streams.publish('logLines', { environment, lines }),
        // `anvil run` in a terminal writes the same database: its lines appear live too.
        followOthers: true,
        retentionDays: this.options.settings.get('logRetentionDays') ?? DEFAULT_SETTINGS.logRetentionDays,
        // A database that cannot be written (a full disk) is said in the terminal and the runner pane; the workbench keeps running.
        onProblem: (message) => {
          console.error(message);
          this.streams.publish('runnerLog', { invocationId: 'anvil', level: 'error', message });
        },
      },
      // Development runs the code under src/, which the analysis reads: what its resolvers define sharpens the resolver findings.
      onResolversLearned: (environment, learned) => {
        if (environment === 'development' && this.analysis?.useLearnedResolverKeys(learned))
          this.streams.publish('analysisOutdated', { reason: 'Anvil learnt the resolver keys by running the resolvers' });
      },
    });
    summary.environments = runtime.environments.list();
    // From here on nothing can fail: the open app is let go and the new one takes its place.
    this.closeSession();
    const dataDir = this.options.dataDir;
    // The source scan is kept in the data folder (when there is one), so reopening an app parses only changed files.
    const analysis = new AppAnalysis(summary.folder, this.schema, { cacheFolder: dataDir ? appDataFolder(dataDir, summary.folder) : null });
    const session: AppSession = { app: summary, manifest, analysis, runtime };
    this.session = session;
    void this.refreshRedaction();
    void runtime.triggers
      .start()
      .catch((error: Error) =>
        this.streams.publish('triggerActivity', { environment: 'development', level: 'error', moduleKey: 'webtrigger', invocationId: null, message: `Web triggers are not served: ${error.message}` }),
      );
    manifest.watch((document) => this.streams.publish('manifestChanged', document));
    // Every app file an editor may hold is followed, not only the sources the analysis reads; the
    // manifest has a stream of its own (manifestChanged). Followed from before the first scan, so a file
    // written while the scan runs is not missed (a re-scan started later wins over the scan's read).
    const changed = (file: string) => this.streams.publish('sourcesChanged', { file });
    analysis.watch(changed, (file) => file !== MANIFEST_FILE_NAME && changed(file));
    void analysis.start();
    this.options.settings.set('recentApps', withRecentApp(this.options.settings.get('recentApps'), summary.folder));
    this.streams.publish('appOpened', summary);
    return summary;
  }

  async checkAppFolder(request: { folder: string }): Promise<AppFolderCheck> {
    const folder = this.typedAppFolder(request.folder);
    try {
      await describeAppFolder(folder, request.folder);
      return { folder, problem: null };
    } catch (error) {
      if (error instanceof AnvilError) return { folder, problem: error.message };
      throw error;
    }
  }

  // A typed folder: `~` is the home folder, and a relative path is taken beside the open app (or in the home folder when none is open).
  private typedAppFolder(typed: string): string {
    return resolveAppFolderPath(typed, this.app ? path.dirname(this.app.folder) : os.homedir());
  }

  async pickAppFolder(): Promise<FolderChoice> {
    if (!this.options.pickFolder) return { folder: null };
    return { folder: await this.options.pickFolder() };
  }

  async listRecentApps(): Promise<string[]> {
    return this.options.settings.get('recentApps');
  }

  async readManifest(): Promise<ManifestDocument> {
    return this.openManifest().read();
  }

  async saveManifest(request: { text: string; baseRevision?: string }): Promise<ManifestDocument> {
    return this.openManifest().save(request.text, request.baseRevision);
  }

  async analyzeManifest(request: CallRequest<'analyzeManifest'>): Promise<AnalysisReport> {
    if (!this.analysis) throw this.noApp();
    // Unsaved editor texts are only keys of this analysis, never read or written as paths; they are still checked like any path of the app.
    for (const source of request.unsavedSources ?? []) checkedRelativePath(source.file, 'file');
    // Each keystroke asks anew: only the newest edit is analysed to the end.
    return this.analysis.analyzeEdit(request.text, request.unsavedSources);
  }

  async explainScope(request: { scope: string }): Promise<ScopeExplanation> {
    return explainScope(request.scope);
  }

  async getManifestVocabulary(): Promise<ManifestVocabulary> {
    return { scopes: allScopes(), moduleTypes: moduleTypes(), moduleKeys: commonModuleKeys() };
  }

  async readSourceFile(request: { file: string }): Promise<SourceFile> {
    if (!this.app) throw this.noApp();
    return readAppSourceFile(this.app.folder, request.file);
  }

  async listAppFolder(request: CallRequest<'listAppFolder'>): Promise<AppFolderListing> {
    if (!this.app) throw this.noApp();
    return listAppFolder(this.app.folder, request.folder);
  }

  async readAppFile(request: CallRequest<'readAppFile'>): Promise<AppFileDocument> {
    if (!this.app) throw this.noApp();
    return readAppFile(this.app.folder, request.file);
  }

  async saveAppFile(request: CallRequest<'saveAppFile'>): Promise<AppFileDocument> {
    if (!this.app) throw this.noApp();
    return saveAppFile(this.app.folder, request.file, request.text, request.baseRevision);
  }

  async searchAppFiles(request: CallRequest<'searchAppFiles'>): Promise<AppSearchResult> {
    if (!this.app) throw this.noApp();
    return searchAppFiles(this.app.folder, request);
  }

  async locateHandler(request: CallRequest<'locateHandler'>): Promise<CodeLocation | null> {
    if (!this.app) throw this.noApp();
    return locateHandler(this.app.folder, request.handler);
  }

  async previewConsent(request: { text: string; product?: string; environment?: string; base?: ConsentBase }): Promise<ConsentPreview> {
    if (!this.app) throw this.noApp();
    const cloud = request.base?.kind === 'installation' ? this.cloudOfApp() : null;
    return previewConsent({
      appFolder: this.app.folder,
      manifestText: request.text,
      product: request.product,
      environment: request.environment,
      base: request.base,
      dataDir: this.options.dataDir,
      ...(cloud ? { installedVersion: (installation: string) => cloud.installedVersion(installation) } : {}),
    });
  }

  async listConsentBases(): Promise<ConsentBases> {
    if (!this.app) throw this.noApp();
    return listBases(this.app.folder, this.options.dataDir);
  }

  async saveConsentSnapshot(request: { text: string }): Promise<{ savedAt: string }> {
    if (!this.app) throw this.noApp();
    if (!this.options.dataDir) throw new AnvilError('unsupported', 'This workbench has no data folder, so it cannot keep snapshots.');
    return saveSnapshot(this.app.folder, this.options.dataDir, request.text);
  }

  async getVaultStatus(): Promise<VaultStatus> {
    if (!this.vault) return { state: 'unavailable', message: 'This workbench has no data folder, so it keeps no credentials.', fix: 'Start Anvil with a data folder (--data-dir).' };
    return this.vault.status();
  }

  async listCredentials(): Promise<CredentialInfo[]> {
    return this.vaultOrFail().list();
  }

  async setCredential(request: { kind: CredentialKind; label: string; environment?: string; value: string }): Promise<CredentialInfo> {
    const value = request.kind === 'atlassian-account' ? JSON.stringify({ email: request.label, token: request.value }) : request.value;
    const info = await this.vaultOrFail().set({ kind: request.kind, label: request.label, environment: request.environment ?? null, value });
    // From now on, this value is redacted from every log line.
    await this.refreshRedaction();
    return info;
  }

  async deleteCredential(request: { name: string }): Promise<void> {
    await this.vaultOrFail().delete(request.name);
  }

  async verifyAtlassianAccount(): Promise<AccountCheck> {
    const login = await this.storedAtlassianLogin();
    if (!login) return { verified: false, message: 'No Atlassian account is set. Enter your email and API token, or use the Forge CLI login.' };
    return verifyAtlassianLogin(login);
  }

  async findForgeLogin(): Promise<ForgeLoginFound> {
    return (await findForgeLogin(this.keychain)).found;
  }

  async importForgeLogin(): Promise<CredentialInfo> {
    const { login, found } = await findForgeLogin(this.keychain);
    if (!login) throw new AnvilError('bad-request', found.message);
    const info = await this.vaultOrFail().set({ kind: 'atlassian-account', label: login.email, value: JSON.stringify(login) });
    await this.refreshRedaction();
    return info;
  }

  async openTerminal(request: { withForgeLogin: boolean; cols: number; rows: number }): Promise<{ terminalId: string }> {
    if (!this.app) throw this.noApp();
    let login: AtlassianLogin | null = null;
    if (request.withForgeLogin) {
      login = (await this.storedAtlassianLogin()) ?? (await findForgeLogin(this.keychain)).login;
      if (!login) throw new AnvilError('bad-request', 'No Forge login to give the terminal: set the Atlassian account in Credentials, or run forge login first.');
    }
    return { terminalId: this.terminals.open(this.app.folder, terminalEnvironment(process.env, login), request) };
  }

  async writeTerminal(request: { terminalId: string; data: string }): Promise<void> {
    this.terminals.write(request.terminalId, request.data);
  }

  async resizeTerminal(request: { terminalId: string; cols: number; rows: number }): Promise<void> {
    this.terminals.resize(request.terminalId, request.cols, request.rows);
  }

  async closeTerminal(request: { terminalId: string }): Promise<void> {
    this.terminals.close(request.terminalId);
  }

  async listRunnableFunctions(request: CallRequest<'listRunnableFunctions'>): Promise<RunnableFunctions> {
    if (!this.runner || !this.analysis) throw this.noApp();
    return this.runner.runnable({ environment: request.environment, resolverKeys: await this.analysis.resolverKeys() });
  }

  async runFunction(request: CallRequest<'runFunction'>): Promise<RunResult> {
    if (!this.runner || !this.analysis) throw this.noApp();
    const stop = new AbortController();
    this.runningFunctions.add(stop);
    const outcome = await this.runner.run({ ...request, resolverKeys: await this.analysis.resolverKeys() }, stop.signal).finally(() => this.runningFunctions.delete(stop));
    // Shown in the runner pane: a returned secret is redacted like a logged one.
    return this.logs ? this.logs.redactOutcome(outcome) : outcome;
  }

  /** Stop what the Runner pane started and is still running (Stop): each ends at once, with status `stopped`. */
  async stopFunction(): Promise<{ stopped: number }> {
    const running = [...this.runningFunctions];
    for (const stop of running) stop.abort();
    return { stopped: running.length };
  }

  async listInstallations(request: CallRequest<'listInstallations'>): Promise<InstallationInfo[]> {
    return this.runnerOrFail().listInstallations(request.environment);
  }

  async saveInstallation(request: CallRequest<'saveInstallation'>): Promise<InstallationInfo[]> {
    const { environment, ...place } = request;
    this.runnerOrFail().saveInstallation(environment, place);
    return this.runnerOrFail().listInstallations(environment);
  }

  async deleteInstallation(request: CallRequest<'deleteInstallation'>): Promise<InstallationInfo[]> {
    this.runnerOrFail().deleteInstallation(request.environment, request.name);
    return this.runnerOrFail().listInstallations(request.environment);
  }

  async getSqlOverview(request: CallRequest<'getSqlOverview'>): Promise<SqlOverview> {
    return this.runnerOrFail().sqlOverview(request.environment, request.installation);
  }

  async runSqlQuery(request: CallRequest<'runSqlQuery'>): Promise<SqlQueryResult> {
    return this.runnerOrFail().sqlQuery(request.environment, request.installation, request.query);
  }

  async listStorage(request: CallRequest<'listStorage'>): Promise<StorageEntry[]> {
    return this.runnerOrFail().storage(request.environment, request.installation);
  }

  async setStorageEntry(request: CallRequest<'setStorageEntry'>): Promise<StorageEntry[]> {
    const runner = this.runnerOrFail();
    await runner.setStorage(request.environment, request.installation, { space: request.space, entity: request.entity ?? null, key: request.key, value: request.value });
    return runner.storage(request.environment, request.installation);
  }

  async deleteStorageEntry(request: CallRequest<'deleteStorageEntry'>): Promise<StorageEntry[]> {
    const runner = this.runnerOrFail();
    await runner.deleteStorage(request.environment, request.installation, { space: request.space, entity: request.entity ?? null, key: request.key });
    return runner.storage(request.environment, request.installation);
  }

  async getTriggers(request: CallRequest<'getTriggers'>): Promise<TriggersView> {
    return this.triggersOrFail().view(request.environment);
  }

  async runScheduledTrigger(request: CallRequest<'runScheduledTrigger'>): Promise<RunResult> {
    return this.triggersOrFail().runSchedule(request.environment, request.installation, request.moduleKey);
  }

  async pauseScheduledTrigger(request: CallRequest<'pauseScheduledTrigger'>): Promise<TriggersView> {
    await this.triggersOrFail().pauseSchedule(request.environment, request.installation, request.moduleKey, request.paused);
    return this.triggersOrFail().view(request.environment);
  }

  async setTriggerClock(request: CallRequest<'setTriggerClock'>): Promise<TriggersView> {
    await this.triggersOrFail().setClock(request.environment, request.speed);
    return this.triggersOrFail().view(request.environment);
  }

  async getEventTemplate(request: CallRequest<'getEventTemplate'>): Promise<{ payload: unknown }> {
    return { payload: await this.triggersOrFail().eventTemplate(request.environment, request.installation, request.eventType) };
  }

  async fireProductEvent(request: CallRequest<'fireProductEvent'>): Promise<EventDelivery[]> {
    return this.triggersOrFail().fireEvent(request.environment, request.installation, request.eventType, request.payload, request.moduleKey);
  }

  async listEnvironments(): Promise<Environment[]> {
    return this.environmentsOrFail().list();
  }

  async createEnvironment(request: CallRequest<'createEnvironment'>): Promise<Environment[]> {
    this.environmentsOrFail().book.create(request.key);
    return this.environmentsChanged();
  }

  async deleteEnvironment(request: CallRequest<'deleteEnvironment'>): Promise<Environment[]> {
    await this.environmentsOrFail().delete(request.key);
    return this.environmentsChanged();
  }

  async getEnvironmentState(request: CallRequest<'getEnvironmentState'>): Promise<EnvironmentState> {
    return environmentState(this.environmentsOrFail(), this.runnerOrFail(), request.environment);
  }

  async deployEnvironment(request: CallRequest<'deployEnvironment'>): Promise<EnvironmentState> {
    await this.environmentsOrFail().deploy(request.environment);
    return this.getEnvironmentState(request);
  }

  async approveInstallation(request: CallRequest<'approveInstallation'>): Promise<EnvironmentState> {
    this.environmentsOrFail().approve(request.environment, request.installation);
    return this.getEnvironmentState(request);
  }

  async setInstallationLogAccess(request: CallRequest<'setInstallationLogAccess'>): Promise<EnvironmentState> {
    this.environmentsOrFail().setLogAccess(request.environment, request.installation, request.on);
    return this.getEnvironmentState(request);
  }

  async setEnvironmentVariable(request: CallRequest<'setEnvironmentVariable'>): Promise<EnvironmentState> {
    const environments = this.environmentsOrFail();
    environments.book.get(request.environment);
    await environments.variables.set(request.environment, request.key, request.value, request.secret);
    if (request.secret) await this.refreshRedaction();
    return this.getEnvironmentState(request);
  }

  async unsetEnvironmentVariable(request: CallRequest<'unsetEnvironmentVariable'>): Promise<EnvironmentState> {
    await this.environmentsOrFail().variables.unset(request.environment, request.key);
    return this.getEnvironmentState(request);
  }

  async getLogRetention(): Promise<{ days: number }> {
    return { days: this.options.settings.get('logRetentionDays') ?? DEFAULT_SETTINGS.logRetentionDays };
  }

  async setLogRetention(request: CallRequest<'setLogRetention'>): Promise<{ days: number }> {
    this.options.settings.set('logRetentionDays', request.days);
    this.logs?.setRetentionDays(request.days);
    return { days: request.days };
  }

  async getPreferences(): Promise<Record<string, string>> {
    return { ...(this.options.settings.get('preferences') ?? {}) };
  }

  async setPreference(request: CallRequest<'setPreference'>): Promise<void> {
    if (!PREFERENCE_KEY_PATTERN.test(request.key)) {
      throw new AnvilError(
        'bad-request',
        `A preference's name is a short word of letters, digits, dots and dashes starting with a lower-case letter (e.g. layout.sizes); got ${JSON.stringify(request.key)}.`,
      );
    }
    const preferences = { ...(this.options.settings.get('preferences') ?? {}) };
    if (request.value === null) delete preferences[request.key];
    else {
      if (!Object.hasOwn(preferences, request.key) && Object.keys(preferences).length >= MAX_PREFERENCES) {
        throw new AnvilError('bad-request', `Anvil keeps at most ${MAX_PREFERENCES} workbench preferences; forget one (set it to null) before adding ${request.key}.`);
      }
      preferences[request.key] = request.value;
    }
    this.options.settings.set('preferences', preferences);
  }

  async queryLogs(request: CallRequest<'queryLogs'>): Promise<LogPage> {
    return this.logsOrFail().query(request);
  }

  async listInvocations(request: CallRequest<'listInvocations'>): Promise<InvocationSummary[]> {
    return this.logsOrFail().invocations(request);
  }

  async getInvocationTimeline(request: CallRequest<'getInvocationTimeline'>): Promise<InvocationTimeline> {
    const timeline = this.logsOrFail().timeline(request.invocationId);
    if (!timeline) throw new AnvilError('bad-request', `No invocation ${request.invocationId} in the logs (it may be older than the retention period).`);
    return timeline;
  }

  async getLogLevelCounts(request: CallRequest<'getLogLevelCounts'>): Promise<LevelCounts> {
    const { bucketMs, ...query } = request;
    return this.logsOrFail().levelCounts(query, bucketMs ?? 60_000);
  }

  async exportLogs(request: CallRequest<'exportLogs'>): Promise<{ text: string; truncated: boolean }> {
    const { format, ...query } = request;
    return this.logsOrFail().exportText(query, format);
  }

  async followCloudLogs(request: { environment: string }): Promise<CloudFollowStatus> {
    const session = this.session;
    if (!session) throw this.noApp();
    const logs = session.runtime.logs;
    this.cloudFollows ??= {
      session,
      follows: new CloudFollows({
        appId: session.app.appId,
        login: async () => (await this.storedAtlassianLogin()) ?? (await findForgeLogin(this.keychain)).login,
        sink: (environment) => logs.cloudSink(environment),
        onState: (status) => {
          if (this.session === session) this.streams.publish('cloudFollowState', status);
        },
        gateway: this.options.forgeGateway,
        testOnlyExtraCaCertificates: this.options.testOnlyGatewayCaCertificates,
      }),
    };
    return this.cloudFollows.follows.follow(request.environment);
  }

  async stopFollowingCloudLogs(request: { environment: string }): Promise<CloudFollowStatus> {
    if (!this.session) throw this.noApp();
    if (!this.cloudFollows) return { environment: request.environment, status: 'stopped', reason: 'stopped', message: 'Not following.', retryAt: null, linesStored: 0 };
    return this.cloudFollows.follows.stop(request.environment);
  }

  async getCloudOverview(request: { refresh: boolean }): Promise<CloudOverview> {
    return this.cloudOfApp().overview(request.refresh);
  }

  private cloudOfApp(): AppCloud {
    const session = this.session;
    if (!session) throw this.noApp();
    if (this.appCloud?.session !== session) {
      this.appCloud = {
        session,
        cloud: new AppCloud({
          // Read from the saved manifest each time: forge register adds the id while the app is open.
          appId: async () => (await describeAppFolder(session.app.folder).catch(() => session.app)).appId,
          login: async () => (await this.storedAtlassianLogin()) ?? (await findForgeLogin(this.keychain)).login,
          gateway: this.options.forgeGateway,
          testOnlyExtraCaCertificates: this.options.testOnlyGatewayCaCertificates,
        }),
      };
    }
    return this.appCloud.cloud;
  }

  /** Every secret Anvil knows (the vault's, the environments' variables) is redacted from log lines. */
  private async refreshRedaction(): Promise<void> {
    const logs = this.logs;
    const environments = this.environments;
    if (!logs || !environments) return;
    try {
      const secrets = await knownSecrets(this.vault, environments);
      // The app may have been closed or another opened while the keychain answered.
      if (this.logs === logs) logs.setSecrets(secrets);
    } catch (error) {
      if (this.logs === logs) throw error;
    }
  }

  private logsOrFail(): AppLogs {
    if (!this.logs) throw this.noApp();
    return this.logs;
  }

  private environmentsChanged(): Environment[] {
    const list = this.environmentsOrFail().list();
    if (this.app) {
      if (this.session) this.session.app = { ...this.session.app, environments: list };
      this.streams.publish('appOpened', this.app);
    }
    return list;
  }

  private environmentsOrFail(): EnvironmentService {
    if (!this.environments) throw this.noApp();
    return this.environments;
  }

  /**
   * The shell's page origin is known: start the preview server, whose own origin only that page
   * may frame and whose bridge answers only that page.
   */
  async attachShell(origin: string): Promise<void> {
    if (this.preview) return;
    const preview = new PreviewServer({
      workbenchOrigin: origin,
      resolveResource: async (previewId) => {
        const session = this.previews.get(previewId);
        if (!session || !this.app || session.folder !== this.app.folder) return null;
        const manifest = parseManifest((await this.manifest!.read()).text).value;
        const module = previewModules(manifest).find((candidate) => candidate.moduleKey === session.moduleKey);
        if (!module || module.kind !== 'custom-ui' || module.resourceKey === null) return null;
        return {
          site: previewSite(this.app.folder, module.resourceKey),
          resourceKey: module.resourceKey,
          appFolder: this.app.folder,
          resourcePath: module.resourcePath,
          tunnelPort: module.tunnelPort,
          manifest,
        };
      },
      onViolation: (previewId, violation) => this.streams.publish('previewViolation', { previewId, ...violation }),
    });
    await preview.start();
    this.preview = preview;
  }

  /** The CSP source covering every preview origin (one per app and resource), for the workbench page's frame-src; null before a shell attached. */
  previewOrigin(): string | null {
    return this.preview?.frameSource ?? null;
  }

  async listPreviewModules(): Promise<PreviewModule[]> {
    if (!this.app) throw this.noApp();
    const { text } = await this.manifest!.read();
    const tooLarge = manifestOverLimit(text);
    if (tooLarge !== null) throw new AnvilError('bad-request', manifestTooLargeFor(tooLarge, 'UI modules to preview'));
    return previewModules(parseManifest(text).value);
  }

  async openPreview(request: CallRequest<'openPreview'>): Promise<PreviewSession> {
    if (!this.app) throw this.noApp();
    if (!this.preview) throw new AnvilError('unsupported', 'Previews need a shell page to show them in; open the workbench window or the web shell.');
    const modules = await this.listPreviewModules();
    const module = modules.find((candidate) => candidate.moduleKey === request.moduleKey);
    if (!module) throw new AnvilError('bad-request', `No UI module "${request.moduleKey}"; modules with a resource: ${modules.map((candidate) => candidate.moduleKey).join(', ') || 'none'}.`);
    if (module.kind !== 'custom-ui')
      throw new AnvilError('bad-request', `${module.moduleKey} is UI Kit (render: native): the platform renders it, so it cannot be previewed locally. Run its resolvers in the Runner pane.`);
    if (module.resourceKey === null) throw new AnvilError('bad-request', `${module.moduleKey} names no resource; add resource: <key of an entry in resources> to it in manifest.yml.`);
    // A resource path outside the app is refused before anything is served or watched.
    const place = module.resourcePath === null ? null : await resourceFolder(this.app.folder, module.resourcePath, module.resourceKey);
    if (place && 'problem' in place && place.outside) throw new AnvilError('bad-request', place.problem);
    await this.runnerOrFail().listInstallations(request.environment);
    const previewId = randomUUID();
    const site = previewSite(this.app.folder, module.resourceKey);
    // One watched preview at a time: a change to its built files reloads the page (a dev server reloads itself).
    this.previewWatcher?.close();
    this.previewWatcher = null;
    if (place && 'folder' in place) {
      let timer: NodeJS.Timeout | null = null;
      try {
        this.previewWatcher = watch(place.folder, { recursive: true }, () => {
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => this.streams.publish('previewChanged', { previewId }), 150);
        });
      } catch {
        // A folder that cannot be watched still previews; it just does not reload by itself.
      }
    }
    this.previews.set(previewId, {
      folder: this.app.folder,
      moduleKey: module.moduleKey,
      moduleType: module.moduleType,
      environment: request.environment,
      installation: request.installation,
      context: request.context ?? null,
    });
    return { previewId, moduleKey: module.moduleKey, url: this.preview.urlFor(previewId, site), origin: this.preview.originFor(site) };
  }

  /** A bridge call from a preview's page: answered as the platform would, through the same runner and gateway. */
  async previewBridgeCall(request: CallRequest<'previewBridgeCall'>): Promise<unknown> {
    const session = this.previews.get(request.previewId);
    if (!session || session.folder !== this.app?.folder) throw new AnvilError('bad-request', 'This preview is closed (another app was opened); open it again.');
    const runner = this.runnerOrFail();
    const payload = (request.payload ?? {}) as { functionKey?: unknown; payload?: unknown; product?: unknown; restPath?: unknown; fetchRequestInit?: { method?: unknown; body?: unknown } };
    if (request.name === 'getContext') return runner.frontendContext(session.environment, session.installation, session.moduleType, session.moduleKey, session.context);
    if (request.name === 'invoke') {
      const context = await runner.frontendContext(session.environment, session.installation, session.moduleType, session.moduleKey, session.context);
      // Only this module's own resolver, as on the platform: never a function key or another module's resolver.
      const call = moduleResolverCall(parseManifest((await this.manifest!.read()).text).value, session.moduleKey, payload.functionKey, payload.payload, context);
      const outcome = await runner.run({ functionKey: call.functionKey, payload: call.payload, environment: session.environment, installation: session.installation, context });
      if (outcome.status !== 'ok') throw new AnvilError('bad-request', `The resolver ${String(payload.functionKey)} failed: ${outcome.error ?? outcome.status}`);
      return outcome.result;
    }
    if (request.name === 'fetchProduct') {
      const init = payload.fetchRequestInit ?? {};
      const answer = await runner.productFetch(session.environment, session.installation, {
        product: String(payload.product ?? 'jira'),
        method: typeof init.method === 'string' ? init.method : 'GET',
        path: String(payload.restPath ?? '/'),
        body: typeof init.body === 'string' ? init.body : null,
      });
      return { status: answer.response.status, statusText: '', headers: answer.response.headers, body: answer.response.body, isAttachment: false };
    }
    if (REALTIME_BRIDGE_CALLS.includes(request.name)) {
      // The page's own environment, installation and context, never ones its payload names.
      const context = await runner.frontendContext(session.environment, session.installation, session.moduleType, session.moduleKey, session.context);
      const installation = session.installation ?? (await runner.listInstallations(session.environment))[0]!.name;
      const scopes = declaredScopes(parseManifest((await this.manifest!.read()).text).value).map((entry) => entry.scope);
      return this.previewRealtime.call(request.previewId, { broker: runner.realtime, environment: session.environment, installation, context, scopes }, request.name, request.payload);
    }
    throw new AnvilError('unsupported', `Anvil's preview does not answer the bridge call "${request.name}" yet; invoke, getContext, fetchProduct and realtime work.`);
  }

  private triggersOrFail(): AppTriggers {
    if (!this.triggers) throw this.noApp();
    return this.triggers;
  }

  /** Let the open app go: its watchers, analysis, runner process, triggers, logs and database. */
  private closeSession(): void {
    const session = this.session;
    this.session = null;
    // Before the database closes: a read under way stores nothing more once stopped.
    void this.cloudFollows?.follows.stopAll();
    this.cloudFollows = null;
    this.appCloud = null;
    this.previewRealtime.closeAll();
    if (!session) return;
    session.manifest.unwatch();
    session.analysis.close();
    void session.runtime.close();
  }

  // The open app's parts, for the calls: null while no app is open.
  private get app(): AppSummary | null {
    return this.session?.app ?? null;
  }
  private get manifest(): ManifestFile | null {
    return this.session?.manifest ?? null;
  }
  private get analysis(): AppAnalysis | null {
    return this.session?.analysis ?? null;
  }
  private get runner(): AppRunner | null {
    return this.session?.runtime.runner ?? null;
  }
  private get triggers(): AppTriggers | null {
    return this.session?.runtime.triggers ?? null;
  }
  private get environments(): EnvironmentService | null {
    return this.session?.runtime.environments ?? null;
  }
  private get logs(): AppLogs | null {
    return this.session?.runtime.logs ?? null;
  }

  private runnerOrFail(): AppRunner {
    if (!this.runner) throw this.noApp();
    return this.runner;
  }

  async readFixture(request: { file: string }): Promise<{ text: string }> {
    if (!this.runner) throw this.noApp();
    return { text: await this.runner.readFixture(request.file) };
  }

  async saveFixture(request: { file: string; text: string }): Promise<void> {
    if (!this.runner) throw this.noApp();
    await this.runner.writeFixture(request.file, request.text);
  }

  private vaultOrFail(): Vault {
    if (!this.vault) throw new AnvilError('unsupported', 'This workbench has no data folder, so it keeps no credentials. Start Anvil with --data-dir.');
    return this.vault;
  }

  /** The Atlassian account from Anvil's vault, for host code only. */
  private async storedAtlassianLogin(): Promise<AtlassianLogin | null> {
    return this.vault ? storedAtlassianLogin(this.vault) : null;
  }

  /** Stop watching files and the schema worker (it starts again if anything still needs it); the shells call this on exit. */
  close(): void {
    this.closeSession();
    this.schema.close();
    this.terminals.closeAll();
    this.keychain.close();
    this.previewWatcher?.close();
    void this.preview?.close();
    this.preview = null;
  }

  async describeForgeCli(): Promise<ForgeCliInfo> {
    return this.forgeCliOrFail().describe();
  }

  async checkForgeDeploy(request: CallRequest<'checkForgeDeploy'>): Promise<ForgeDeployCheck> {
    const session = this.session;
    if (!session) throw this.noApp();
    const environment = forgeEnvironmentKey(request.environment);
    const { text } = await session.manifest.read();
    const [report, version, cli] = await Promise.all([
      session.analysis.analyze(text),
      versionAgainstDeployed({ appFolder: session.app.folder, dataDir: this.options.dataDir ?? null, environment, manifestText: text }),
      this.forgeCliOrFail().describe(),
    ]);
    return { ...deployCheck(environment, report, version.change, version.noBase), cli };
  }

  async runForgeCli(request: CallRequest<'runForgeCli'>): Promise<ForgeCliRun> {
    const session = this.session;
    if (!session) throw this.noApp();
    const environment = forgeEnvironmentKey(request.environment);
    let command: ForgeCliCommand;
    let deployed: string | null = null;
    if (request.command === 'deploy') {
      const { text } = await session.manifest.read();
      const errors = request.despiteErrors ? [] : deployCheck(environment, await session.analysis.analyze(text), null, '').errors;
      if (errors.length > 0) {
        const listed = errors.slice(0, 5).map((error) => `${error.file}:${error.line} ${error.message}`);
        throw new AnvilError('bad-request', `Not deployed: Anvil finds ${errors.length} error${errors.length === 1 ? '' : 's'} in the app (${listed.join('; ')}). Fix them, or choose Deploy anyway.`);
      }
      command = { command: 'deploy', environment };
      deployed = text;
    } else {
      if (!request.site || !request.product)
        throw new AnvilError('bad-request', 'forge install --upgrade needs the installation to upgrade: give its site (e.g. your-team.atlassian.net) and product (e.g. jira).');
      command = { command: 'install-upgrade', environment, site: request.site, product: request.product };
    }
    const dataDir = this.options.dataDir;
    return this.forgeCliOrFail().run(command, { cols: request.cols, rows: request.rows }, (exitCode) => {
      // What a successful deploy sent is the base the next deploy's version is judged against.
      if (exitCode === 0 && deployed !== null && dataDir)
        void recordForgeDeploy(dataDir, session.app.folder, environment, deployed).catch((error: Error) => console.error(`Anvil could not record the deploy to ${environment}: ${error.message}`));
    });
  }

  private forgeCliOrFail(): ForgeCli {
    const app = this.app;
    if (!app) throw this.noApp();
    if (this.forgeCli?.folder !== app.folder) {
      const dataDir = this.options.dataDir;
      const cli = new ForgeCli({
        appFolder: app.folder,
        baseEnv: process.env,
        // npx's project folder: Anvil's own, so no .npmrc or node_modules of the app decides what npx runs.
        npxPrefix: dataDir ? path.join(dataDir, 'forge-cli-npx') : path.join(os.tmpdir(), `anvil-forge-cli-npx-${randomUUID()}`),
        terminals: this.terminals,
        login: async () => (await this.storedAtlassianLogin()) ?? (await findForgeLogin(this.keychain)).login,
      });
      this.forgeCli = { folder: app.folder, cli };
    }
    return this.forgeCli.cli;
  }

  private noApp(): AnvilError {
    return new AnvilError('no-app-open', 'No app is open. Open an app folder first (File → Open app folder).');
  }

  private openManifest(): ManifestFile {
    if (!this.manifest) throw this.noApp();
    return this.manifest;
  }
}

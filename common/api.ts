/**
 * The contract between the renderer and the Node core: every call and every stream.
 * The core implements it (main/workbench.ts), the preload and the web client expose it,
 * the renderer consumes it. Type-only; the name lists below are the only runtime values,
 * and they are what the bindings check incoming channel names against.
 */
import type {
  AppFileDocument,
  AppFolderListing,
  AppSearchResult,
  CodeLocation,
  CspViolation,
  PreviewModule,
  PreviewSession,
  Environment,
  EnvironmentState,
  InvocationSummary,
  InvocationTimeline,
  LevelCounts,
  LogLine,
  CloudFollowStatus,
  CloudOverview,
  LogPage,
  LogQuery,
  EventDelivery,
  InstallationInfo,
  TriggersView,
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
  SourceFile,
  WorkbenchInfo,
  ForgeCliInfo,
  ForgeDeployCheck,
  ForgeCliRun,
} from './types';

/** Request/response calls. Each takes at most one request object. */
export interface AnvilCalls {
  getWorkbenchInfo(): Promise<WorkbenchInfo>;
  /** The app that is open, or null before any is. */
  getCurrentApp(): Promise<AppSummary | null>;
  /** Open an app folder (must hold a manifest.yml). */
  openApp(request: { folder: string }): Promise<AppSummary>;
  /** Where a typed folder leads (`~`, `~/…`, a path beside the open app) and whether it is an app folder, without opening it. */
  checkAppFolder(request: { folder: string }): Promise<AppFolderCheck>;
  /** Ask the shell for a folder (native dialog on the desktop; `{folder:null}` where there is none). */
  pickAppFolder(): Promise<FolderChoice>;
  listRecentApps(): Promise<string[]>;
  readManifest(): Promise<ManifestDocument>;
  /**
   * Write the manifest. With `baseRevision`, the save is refused when the file on disk changed
   * since that revision; without it, the text overwrites what is there.
   */
  saveManifest(request: { text: string; baseRevision?: string }): Promise<ManifestDocument>;
  /**
   * Diagnostics, scopes, egress and resolver findings for a manifest text (saved or not) against the app's sources.
   * `unsavedSources`: editor buffers of app files not saved yet; they stand in for those files in this analysis only.
   */
  analyzeManifest(request: { text: string; unsavedSources?: { file: string; text: string }[] }): Promise<AnalysisReport>;
  explainScope(request: { scope: string }): Promise<ScopeExplanation>;
  /** Scope names, module types and module keys, for completion in the editor. */
  getManifestVocabulary(): Promise<ManifestVocabulary>;
  /** A source file of the open app (path relative to the app folder), for the read-only viewer. */
  readSourceFile(request: { file: string }): Promise<SourceFile>;
  /** A folder of the open app ('' is the app folder itself): folders first, then files. */
  listAppFolder(request: { folder: string }): Promise<AppFolderListing>;
  /** A text file of the open app, with its revision and language, for the editor. */
  readAppFile(request: { file: string }): Promise<AppFileDocument>;
  /**
   * Write a text file of the open app. With `baseRevision`, the save is refused (`app-file-conflict`)
   * when the file on disk changed since that revision; without it, the text overwrites what is there.
   */
  saveAppFile(request: { file: string; text: string; baseRevision?: string }): Promise<AppFileDocument>;
  /** Search the app's text files (not node_modules, .git or build output). */
  searchAppFiles(request: { query: string; caseSensitive?: boolean; regex?: boolean; wholeWord?: boolean }): Promise<AppSearchResult>;
  /** Where a manifest `handler:` (like `index.run`) is exported under src/, or null when it is not. */
  locateHandler(request: { handler: string }): Promise<CodeLocation | null>;
  /** The admin's install screen for a manifest text, and with a base, the upgrade from that version. */
  previewConsent(request: { text: string; product?: string; environment?: string; base?: ConsentBase }): Promise<ConsentPreview>;
  /** What can stand for "installed today": a saved snapshot, git revisions. */
  listConsentBases(): Promise<ConsentBases>;
  /** Remember a manifest text as the version installed today. */
  saveConsentSnapshot(request: { text: string }): Promise<{ savedAt: string }>;
  /** Whether secrets can be kept in the OS keychain right now, and how to fix it if not. */
  getVaultStatus(): Promise<VaultStatus>;
  /** Names, kinds, dates and last four characters: never a value. */
  listCredentials(): Promise<CredentialInfo[]>;
  /** Store a secret (the only way values travel from the renderer; they never travel back). For the Atlassian account, `label` is the email and `value` the API token. */
  setCredential(request: { kind: CredentialKind; label: string; environment?: string; value: string }): Promise<CredentialInfo>;
  deleteCredential(request: { name: string }): Promise<void>;
  /** Check the stored Atlassian account with a real request (says "offline" when it cannot). */
  verifyAtlassianAccount(): Promise<AccountCheck>;
  /** Look for the Forge CLI's login (environment, then keychain); only when the developer asks. */
  findForgeLogin(): Promise<ForgeLoginFound>;
  /** Copy the Forge CLI's login into Anvil's vault as the Atlassian account. */
  importForgeLogin(): Promise<CredentialInfo>;
  /** A shell in the app folder; with `withForgeLogin`, FORGE_EMAIL and FORGE_API_TOKEN are set in it. */
  openTerminal(request: { withForgeLogin: boolean; cols: number; rows: number }): Promise<{ terminalId: string }>;
  writeTerminal(request: { terminalId: string; data: string }): Promise<void>;
  resizeTerminal(request: { terminalId: string; cols: number; rows: number }): Promise<void>;
  closeTerminal(request: { terminalId: string }): Promise<void>;
  /** What can run in an environment (default development): its resolver keys are learnt from the code that runs there. */
  listRunnableFunctions(request: { environment?: string }): Promise<RunnableFunctions>;
  /** Run a function (or a resolver key) of the open app in the local sandboxed runner. */
  runFunction(request: { functionKey: string; payload?: unknown; context?: Record<string, unknown>; environment?: string; installation?: string }): Promise<RunResult>;
  /** Stop the invocations runFunction started that are still running; each answers its runFunction with status `stopped`. */
  stopFunction(): Promise<{ stopped: number }>;
  /** The environment's installations: Anvil's local one per product, then the developer's own. */
  listInstallations(request: { environment: string }): Promise<InstallationInfo[]>;
  /** Add or change an installation (a real-site target sends product calls to that Atlassian site as the developer). */
  saveInstallation(request: { environment: string; name: string; site: string; product: string; target: 'fixtures' | 'site' }): Promise<InstallationInfo[]>;
  deleteInstallation(request: { environment: string; name: string }): Promise<InstallationInfo[]>;
  /** App storage (KVS, secrets, entities) of an installation; secrets are listed by key only. */
  listStorage(request: { environment: string; installation?: string }): Promise<StorageEntry[]>;
  /** Set one storage entry as app code would (same key and size rules); a secret is sealed with the keychain's key. */
  setStorageEntry(request: { environment: string; installation?: string; space: StorageEntry['space']; entity?: string; key: string; value: unknown }): Promise<StorageEntry[]>;
  deleteStorageEntry(request: { environment: string; installation?: string; space: StorageEntry['space']; entity?: string; key: string }): Promise<StorageEntry[]>;
  /** An installation's Forge SQL tables and applied migrations (for an app that declares the `sql` module). */
  getSqlOverview(request: { environment: string; installation?: string }): Promise<SqlOverview>;
  /** Run a reading statement on an installation's Forge SQL database, read-only, under the platform's limits. */
  runSqlQuery(request: { environment: string; installation?: string; query: string }): Promise<SqlQueryResult>;
  /** Web triggers (local URLs), schedules, event subscriptions and queue jobs of an environment. */
  getTriggers(request: { environment: string }): Promise<TriggersView>;
  /** Run a scheduled trigger now, with the platform's payload. */
  runScheduledTrigger(request: { environment: string; installation?: string; moduleKey: string }): Promise<RunResult>;
  pauseScheduledTrigger(request: { environment: string; installation?: string; moduleKey: string; paused: boolean }): Promise<TriggersView>;
  /** Compress the trigger clock: 1 is real time, 3600 runs an hour of schedules in a second. */
  setTriggerClock(request: { environment: string; speed: number }): Promise<TriggersView>;
  /** A realistic payload to start from for a product event type. */
  getEventTemplate(request: { environment: string; installation?: string; eventType: string }): Promise<{ payload: unknown }>;
  /** Deliver a product event to the app's triggers as the platform would (scopes, filters, retries). */
  fireProductEvent(request: { environment: string; installation?: string; eventType: string; payload: unknown; moduleKey?: string }): Promise<EventDelivery[]>;
  /** The app's environments (the platform's three, then custom ones). */
  listEnvironments(): Promise<Environment[]>;
  createEnvironment(request: { key: string }): Promise<Environment[]>;
  deleteEnvironment(request: { key: string }): Promise<Environment[]>;
  getEnvironmentState(request: { environment: string }): Promise<EnvironmentState>;
  /** A local deploy: the manifest and every function's bundle become the environment's next version. */
  deployEnvironment(request: { environment: string }): Promise<EnvironmentState>;
  /** The site admin approves the latest version for an installation. */
  approveInstallation(request: { environment: string; installation: string }): Promise<EnvironmentState>;
  setInstallationLogAccess(request: { environment: string; installation: string; on: boolean }): Promise<EnvironmentState>;
  /** Set a variable; a secret one goes to the OS keychain and is never sent back. */
  setEnvironmentVariable(request: { environment: string; key: string; value: string; secret: boolean }): Promise<EnvironmentState>;
  unsetEnvironmentVariable(request: { environment: string; key: string }): Promise<EnvironmentState>;
  /** How many days log lines are kept (1–365; 30 by default). */
  getLogRetention(): Promise<{ days: number }>;
  setLogRetention(request: { days: number }): Promise<{ days: number }>;
  /** The workbench page's remembered choices (theme, layout, guides seen): kept by the core, so they last in both shells. */
  getPreferences(): Promise<Record<string, string>>;
  /** Remember one choice (`null` forgets it). Names are short words; values are at most 4 KB. */
  setPreference(request: { key: string; value: string | null }): Promise<void>;
  /** Stored log lines of an environment, newest first, filtered. */
  queryLogs(request: LogQuery): Promise<LogPage>;
  /** Recent invocations matching the filter, for grouping lines by invocation. */
  listInvocations(request: LogQuery): Promise<InvocationSummary[]>;
  getInvocationTimeline(request: { invocationId: string }): Promise<InvocationTimeline>;
  /** Lines per level over time, for the small chart. */
  getLogLevelCounts(request: LogQuery & { bucketMs?: number }): Promise<LevelCounts>;
  /** The filtered lines as JSON Lines or CSV (at most 100,000 lines; `truncated` says when there were more). */
  exportLogs(request: LogQuery & { format: 'jsonl' | 'csv' }): Promise<{ text: string; truncated: boolean }>;
  /**
   * Follow an environment's logs on the Forge platform (the app's real environment, app.id from the
   * manifest, the Atlassian login from the vault or the Forge CLI): its lines are stored under
   * `cloud:<environment>` and arrive on `logLines`; what the follower does arrives on `cloudFollowState`.
   */
  followCloudLogs(request: { environment: string }): Promise<CloudFollowStatus>;
  /** Stop following an environment's cloud logs (what is stored stays). */
  stopFollowingCloudLogs(request: { environment: string }): Promise<CloudFollowStatus>;
  /**
   * The open app on the Forge platform (app.id from the manifest, the Atlassian login from the vault or
   * the Forge CLI): environments, installations and deployed versions, or the state that kept Anvil from
   * asking. A recent answer is reused unless `refresh`; a rate-limited one until the platform's wait ends.
   */
  getCloudOverview(request: { refresh: boolean }): Promise<CloudOverview>;
  /** The manifest's UI modules and whether each can be previewed locally (Custom UI) or not (UI Kit). */
  listPreviewModules(): Promise<PreviewModule[]>;
  /** Serve a Custom UI module's resource on its own loopback origin, under the platform's CSP. */
  openPreview(request: { moduleKey: string; environment: string; installation?: string; context?: Record<string, unknown> }): Promise<PreviewSession>;
  /** A bridge call the preview's page made (`invoke`, `getContext`, `fetchProduct`), relayed by the pane. */
  previewBridgeCall(request: { previewId: string; name: string; payload?: unknown }): Promise<unknown>;
  /** A fixture file's text (a template when it does not exist yet); only files under .anvil/fixtures/. */
  readFixture(request: { file: string }): Promise<{ text: string }>;
  saveFixture(request: { file: string; text: string }): Promise<void>;
  /** The Forge CLI Anvil would run (path and version, or npx) and the login it would get. */
  describeForgeCli(): Promise<ForgeCliInfo>;
  /** Anvil's checks before `forge deploy -e <environment>`: errors, and a major version with its reasons. */
  checkForgeDeploy(request: { environment: string }): Promise<ForgeDeployCheck>;
  /**
   * Run the real Forge CLI in a terminal of its own: `deploy` (refused while Anvil finds errors, unless
   * `despiteErrors`) or `install-upgrade` (needs site and product), with the keychain's login.
   */
  runForgeCli(request: { command: 'deploy' | 'install-upgrade'; environment: string; site?: string; product?: string; despiteErrors?: boolean; cols: number; rows: number }): Promise<ForgeCliRun>;
}

/** Streams the core pushes to the renderer. */
export interface AnvilStreams {
  appOpened: AppSummary;
  /** The manifest changed on disk by someone other than this workbench. */
  manifestChanged: ManifestDocument;
  /** A source file of the app changed and was re-scanned: analyses are out of date. */
  sourcesChanged: { file: string };
  /** Something the analysis depends on became available (the manifest schema): ask for a fresh report. */
  analysisOutdated: { reason: string };
  /** Output of a terminal; shown, never stored. */
  terminalOutput: { terminalId: string; data: string };
  terminalExit: { terminalId: string; exitCode: number };
  /** A log line of a running invocation, as it happens. */
  /** `platformDrop`: a deployed function would lose this line (past the platform's log limits). */
  runnerLog: { invocationId: string; level: string; message: string; platformDrop?: 'lines' | 'size' };
  /** The platform's CSP blocked something in a preview. */
  previewViolation: CspViolation;
  /** A file of a previewed resource changed: the pane reloads the page. */
  previewChanged: { previewId: string };
  /** Log lines as they are stored (already redacted), in batches. */
  logLines: { environment: string; lines: LogLine[] };
  /** Following an environment's cloud logs changed state (following, waiting and until when, stopped and why). */
  cloudFollowState: CloudFollowStatus;
  /** A trigger delivered, refused or retried something (the Triggers pane refreshes on it). */
  triggerActivity: { environment: string; level: 'info' | 'warn' | 'error'; moduleKey: string; invocationId: string | null; message: string };
}

export type CallName = keyof AnvilCalls;
export type StreamName = keyof AnvilStreams;
export type CallRequest<M extends CallName> = Parameters<AnvilCalls[M]>[0];
export type CallResult<M extends CallName> = Awaited<ReturnType<AnvilCalls[M]>>;

/** Every call name; checked below to be exactly the keys of AnvilCalls. */
export const CALL_NAMES = [
  'getWorkbenchInfo',
  'getCurrentApp',
  'openApp',
  'checkAppFolder',
  'pickAppFolder',
  'listRecentApps',
  'readManifest',
  'saveManifest',
  'analyzeManifest',
  'explainScope',
  'getManifestVocabulary',
  'readSourceFile',
  'listAppFolder',
  'readAppFile',
  'saveAppFile',
  'searchAppFiles',
  'locateHandler',
  'previewConsent',
  'listConsentBases',
  'saveConsentSnapshot',
  'getVaultStatus',
  'listCredentials',
  'setCredential',
  'deleteCredential',
  'verifyAtlassianAccount',
  'findForgeLogin',
  'importForgeLogin',
  'openTerminal',
  'writeTerminal',
  'resizeTerminal',
  'closeTerminal',
  'listRunnableFunctions',
  'runFunction',
  'stopFunction',
  'listInstallations',
  'saveInstallation',
  'deleteInstallation',
  'listStorage',
  'setStorageEntry',
  'deleteStorageEntry',
  'getSqlOverview',
  'runSqlQuery',
  'getTriggers',
  'runScheduledTrigger',
  'pauseScheduledTrigger',
  'setTriggerClock',
  'getEventTemplate',
  'fireProductEvent',
  'listEnvironments',
  'createEnvironment',
  'deleteEnvironment',
  'getEnvironmentState',
  'deployEnvironment',
  'approveInstallation',
  'setInstallationLogAccess',
  'setEnvironmentVariable',
  'unsetEnvironmentVariable',
  'getLogRetention',
  'setLogRetention',
  'getPreferences',
  'setPreference',
  'queryLogs',
  'listInvocations',
  'getInvocationTimeline',
  'getLogLevelCounts',
  'exportLogs',
  'followCloudLogs',
  'stopFollowingCloudLogs',
  'getCloudOverview',
  'listPreviewModules',
  'openPreview',
  'previewBridgeCall',
  'readFixture',
  'saveFixture',
  'describeForgeCli',
  'checkForgeDeploy',
  'runForgeCli',
] as const satisfies readonly CallName[];

export const STREAM_NAMES = [
  'appOpened',
  'manifestChanged',
  'sourcesChanged',
  'analysisOutdated',
  'terminalOutput',
  'terminalExit',
  'runnerLog',
  'triggerActivity',
  'logLines',
  'cloudFollowState',
  'previewViolation',
  'previewChanged',
] as const satisfies readonly StreamName[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
// A call or stream added to the interfaces but not to the lists fails to compile here.
export const CONTRACT_LISTS_ARE_COMPLETE: Exhaustive<CallName, (typeof CALL_NAMES)[number]> & Exhaustive<StreamName, (typeof STREAM_NAMES)[number]> = true;

/** What the renderer sees as `window.anvil`: every call, plus a way to follow streams. */
export interface AnvilBridge extends AnvilCalls {
  subscribe<S extends StreamName>(stream: S, listener: (payload: AnvilStreams[S]) => void): () => void;
}

/** Name of the IPC channel carrying one call. */
export function ipcChannelForCall(method: CallName): string {
  return `anvil:call:${method}`;
}

/** The single IPC channel carrying stream events (payload: stream name, data). */
export const IPC_STREAM_CHANNEL = 'anvil:stream';

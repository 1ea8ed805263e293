/** Data types that cross the renderer ↔ core boundary. Plain JSON shapes only. */

/** Which shell hosts the core: the desktop window or the loopback web server. */
export type ShellKind = 'electron' | 'web';

export interface WorkbenchInfo {
  version: string;
  shell: ShellKind;
  /** Whether the shell can show a native folder picker (desktop only). */
  canPickFolder: boolean;
}

/** A Forge environment as the workbench knows it. */
export interface Environment {
  key: string;
  kind: 'development' | 'staging' | 'production' | 'custom';
}

/** The app folder that is open, as the header shows it. */
export interface AppSummary {
  /** Absolute path of the app folder. */
  folder: string;
  /** Display name: package.json `name`, else the folder name. */
  name: string;
  /** `app.id` from the manifest, when it can be read. */
  appId: string | null;
  environments: Environment[];
}

/** Where a folder typed in the Open dialog leads, before it is opened. */
export interface AppFolderCheck {
  /** The absolute folder the typed path resolves to (`~` is the home folder; a relative path is beside the open app). */
  folder: string;
  /** Why it cannot be opened as an app, naming what was typed and what to do; null when it is an app folder. */
  problem: string | null;
}

/** The manifest file as the editor holds it. */
export interface ManifestDocument {
  path: string;
  text: string;
  /** Content hash; a save names the revision it was based on so external edits are never overwritten unseen. */
  revision: string;
}

/** Result of asking the shell for a folder. */
export interface FolderChoice {
  folder: string | null;
}

/** Error codes every call may answer with. */
export type AnvilErrorCode =
  | 'bad-request'
  | 'unknown-method'
  | 'no-app-open'
  | 'not-an-app-folder'
  | 'manifest-conflict'
  /** An app file changed on disk since the editor read it; reload it or save again without a base revision to overwrite. */
  | 'app-file-conflict'
  | 'io-error'
  | 'unsupported'
  /** A newer request of the same kind (the next edit of the manifest) replaced this one before it finished. */
  | 'superseded'
  | 'internal';

/** The error shape a failed call carries across the boundary. */
export interface AnvilErrorInfo {
  code: AnvilErrorCode;
  message: string;
}

/** Envelope for one call's outcome, identical over IPC and WebSocket. */
export type CallOutcome<T> = { ok: true; value: T } | { ok: false; error: AnvilErrorInfo };

// ---- Manifest intelligence -------------------------------------------------------------------

export type Severity = 'error' | 'warning' | 'info';

/** A 1-based line/column range in a file (end exclusive, like Monaco). */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One edit to the manifest text. */
export interface TextEdit {
  range: SourceRange;
  text: string;
}

/** A one-click repair offered with a diagnostic. */
export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

/** One problem found in the manifest or the app's code. `code` is stable (documented, safe to filter on). */
export interface Diagnostic extends SourceRange {
  severity: Severity;
  code: string;
  message: string;
  /** Path relative to the app folder, with '/' separators (e.g. `manifest.yml`, `src/index.js`). */
  file: string;
  fixes: QuickFix[];
}

export type ScopeKind = 'classic' | 'granular' | 'platform' | 'connect';
/** How much a scope lets an app do, from least to most. */
export type ScopePower = 'read' | 'write' | 'delete' | 'admin';

/** Everything Anvil knows about one scope. */
export interface ScopeExplanation {
  scope: string;
  /** Whether the platform accepts this scope name at all. */
  valid: boolean;
  /** Consent-screen title, or null where it is not known. */
  title: string | null;
  /** What it lets the app do, in plain words (ours, not Atlassian's). */
  description: string;
  /** Product it belongs to: jira, jira-software, jira-service-management, confluence, bitbucket, compass, platform, … */
  product: string;
  kind: ScopeKind;
  power: ScopePower;
  /** Classic ↔ granular equivalents: scopes that grant the same operations. */
  alternatives: string[];
  /** How many REST operations in the bundled specs accept this scope. */
  operations: number;
  /** For an unknown scope: the closest valid names. */
  suggestions: string[];
}

/** A place in the app's code. */
export interface CodeLocation {
  file: string;
  line: number;
  column: number;
  /** Why this place needs something, e.g. `GET /rest/api/3/issue/{issueIdOrKey}`. */
  reason: string;
}

/** A scope as the Scopes pane lists it: declared, needed, or both. */
export interface ScopeRow {
  explanation: ScopeExplanation;
  declared: boolean;
  status: 'used' | 'unused' | 'missing';
  usedAt: CodeLocation[];
}

export interface EgressRow {
  /** Domain (or wildcard domain) as written or as used. */
  domain: string;
  declared: boolean;
  status: 'used' | 'unused' | 'missing';
  usedAt: CodeLocation[];
}

/** The whole picture for one manifest text and the app's current sources. */
export interface AnalysisReport {
  /** Revision of the manifest text analysed. */
  revision: string;
  diagnostics: Diagnostic[];
  scopes: { declared: string[]; required: string[]; missing: string[]; unused: string[]; rows: ScopeRow[] };
  egress: { declared: string[]; used: string[]; missing: string[]; unused: string[]; rows: EgressRow[] };
  resolvers: { defined: string[]; invoked: string[]; invokedButUndefined: string[]; definedButNotInvoked: string[] };
  /** Source files scanned, and how long the last analysis took (ms). */
  filesScanned: number;
  elapsedMs: number;
}

/** Words the editor completes: scopes with titles, module types, and the keys modules take. */
export interface ManifestVocabulary {
  scopes: { name: string; title: string | null }[];
  moduleTypes: string[];
  moduleKeys: string[];
}

/** A source file of the app, for the read-only viewer. */
export interface SourceFile {
  file: string;
  text: string;
}

// ---- App files (the editor's view of the app folder) -----------------------------------------

/** One entry of an app folder; `path` is relative to the app folder, with '/' separators. */
export interface AppFolderEntry {
  name: string;
  path: string;
  kind: 'file' | 'folder';
}

/** A folder's entries: folders first, then files, each by name. */
export interface AppFolderListing {
  folder: string;
  entries: AppFolderEntry[];
}

export type AppFileLanguage = 'typescript' | 'javascript' | 'json' | 'yaml' | 'markdown' | 'css' | 'html' | 'plaintext';

/** A text file of the app as read or saved; `revision` identifies this text for a later save. */
export interface AppFileDocument {
  file: string;
  text: string;
  revision: string;
  language: AppFileLanguage;
}

/** One match of a search across the app's files; line and column are 1-based. */
export interface AppSearchMatch {
  file: string;
  line: number;
  column: number;
  length: number;
  preview: string;
}

/** `truncated`: a cap (files, bytes or matches) was reached, so there may be more matches. */
export interface AppSearchResult {
  matches: AppSearchMatch[];
  filesSearched: number;
  truncated: boolean;
}

// ---- Consent preview -------------------------------------------------------------------------

/** One permission as the admin's screen lists it. */
export interface ConsentPermission {
  product: string;
  scope: string;
  title: string | null;
  description: string;
  power: ScopePower;
  /** Admin-level or delete power: the screen makes it stand out. */
  powerful: boolean;
}

/** How an egress entry lets data leave Atlassian. */
export type EgressKind = 'backend fetch' | 'frontend fetch' | 'images' | 'scripts' | 'styles' | 'frames' | 'fonts' | 'media' | 'navigation';

export interface ConsentEgress {
  kind: EgressKind;
  address: string;
  analytics: boolean;
  /** `*`: every domain. */
  global: boolean;
}

export interface ConsentProvider {
  key: string;
  name: string;
  scopes: string[];
  remotes: string[];
}

/** Something the app can do with no one watching. */
export interface ConsentCapability {
  kind: 'schedule' | 'product-events' | 'web-trigger' | 'remote-backend' | 'queue' | 'platform-service';
  text: string;
  /** Module keys (or remote keys) behind it. */
  sources: string[];
}

/** The install screen a site admin sees, as one model for the pane and every CLI format. */
export interface ConsentScreen {
  app: { name: string; appId: string | null; environment: string };
  /** Products this screen installs into. */
  products: string[];
  /** Every product the manifest touches, for the product picker. */
  availableProducts: string[];
  permissions: ConsentPermission[];
  egress: ConsentEgress[];
  providers: ConsentProvider[];
  capabilities: ConsentCapability[];
  /** Whether individual users are asked to consent too, and why. */
  userConsent: boolean;
  userConsentReasons: string[];
  /** Content-Security-Policy options for Custom UI (`permissions.content`). */
  contentSecurity: string[];
  licensing: boolean;
}

/** Added and removed items between the installed version and this one. */
export interface ConsentChanges {
  scopes: string[];
  egress: string[];
  providers: string[];
  remotes: string[];
  dynamicWebTriggers: string[];
  contentSecurity: string[];
  licensing: string[];
}

export interface UpgradeDiff {
  /** Where the installed version came from, e.g. `git HEAD` or `snapshot of 2026-11-28 19:40`. */
  base: string;
  /** A major version: site admins must approve it before installations get it. */
  major: boolean;
  /** One line per change that makes it major. */
  reasons: string[];
  added: ConsentChanges;
  removed: ConsentChanges;
  /** The upgrade screen: only what is new. */
  screen: ConsentScreen;
}

/** Where the "installed today" manifest comes from. */
export type ConsentBase =
  | { kind: 'snapshot' }
  | { kind: 'git'; revision: string }
  | { kind: 'file'; path: string }
  /** The version an installation runs in the cloud (its platform id, from getCloudOverview). */
  | { kind: 'installation'; installation: string };

export interface ConsentPreview {
  screen: ConsentScreen;
  upgrade: UpgradeDiff | null;
}

export interface ConsentBases {
  snapshot: { savedAt: string } | null;
  /** HEAD, branches and tags of the git repository holding the app, when there is one. */
  gitRevisions: string[];
}

// ---- Credentials -----------------------------------------------------------------------------

export type CredentialKind = 'atlassian-account' | 'site-token' | 'provider-account' | 'secret-variable';

/** A credential as the Credentials pane sees it: never its value. */
export interface CredentialInfo {
  /** Stable name in the vault, e.g. `site-token:acme.atlassian.net`. */
  name: string;
  kind: CredentialKind;
  /** What it is for: an email, a site, a provider, a variable name. */
  label: string;
  environment: string | null;
  setAt: string;
  /** Last four characters of the secret, or null when the keychain cannot be read right now. */
  lastFour: string | null;
}

/** Whether secrets can be kept, and if not, exactly why and how to fix it. */
export interface VaultStatus {
  state: 'available' | 'locked' | 'unavailable';
  message: string;
  fix: string | null;
}

/** The Forge CLI's login, as found (never the token itself). */
export interface ForgeLoginFound {
  found: boolean;
  source: 'environment' | 'keychain' | null;
  email: string | null;
  lastFour: string | null;
  message: string;
}

export interface AccountCheck {
  verified: boolean;
  message: string;
}

// ---- Local runner --------------------------------------------------------------------------------

/** One call an invocation made (product API, fetch, storage), allowed or refused, and why. */
export interface RunCall {
  kind: 'product' | 'fetch' | 'storage';
  target: string;
  method: string;
  allowed: boolean;
  reason: string;
  /** For a product call answered from fixtures: the fixture file (relative to the app), and whether it exists. */
  fixture?: { file: string; found: boolean };
}

/** The outcome of one local invocation, as the Runner pane and `run --json` show it. */
export interface RunResult {
  invocationId: string;
  /** `stopped`: the developer ended it (Stop in the Runner pane, Ctrl+C in `anvil run`). */
  status: 'ok' | 'error' | 'timeout' | 'crashed' | 'stopped';
  result: unknown;
  error: string | null;
  durationMs: number;
  memoryBytes: number | null;
  /** `platformDrop`: a deployed function would lose the line (see LogLine). */
  logs: { level: string; message: string; platformDrop?: 'lines' | 'size' }[];
  calls: RunCall[];
  functionKey: string;
  environment: string;
  installation: string;
}

/** A site the app is installed on locally, per environment: where its product calls go and what they may do. */
export interface InstallationInfo {
  name: string;
  site: string;
  product: string;
  /** `fixtures`: answered from the app's .anvil/fixtures; `site`: sent to the real site with the developer's Atlassian account. */
  target: 'fixtures' | 'site';
  approvedScopes: string[];
  approvedEgress: string[];
  /** Made by Anvil for a product the manifest has modules in; cannot be deleted. */
  builtIn: boolean;
}

/** One entry of an installation's app storage; a secret's value never leaves the core (`value` is null). */
export interface StorageEntry {
  space: 'value' | 'secret' | 'entity';
  /** The custom entity's name, for entity entries. */
  entity: string | null;
  key: string;
  value: unknown;
  updatedAt: number;
}

// ---- Custom UI preview ------------------------------------------------------------------------------

/** A UI module of the manifest, and how Anvil can preview it. */
export interface PreviewModule {
  moduleKey: string;
  moduleType: string;
  title: string | null;
  /** `custom-ui`: its resource is served in the sandbox; `ui-kit`: rendered by the platform, not locally. */
  kind: 'custom-ui' | 'ui-kit';
  resourceKey: string | null;
  resourcePath: string | null;
  tunnelPort: number | null;
}

/** An open preview: the page's own origin, never the workbench's. */
export interface PreviewSession {
  previewId: string;
  moduleKey: string;
  url: string;
  origin: string;
}

/** Something the page did that the platform's Content-Security-Policy blocked, and what would allow it. */
export interface CspViolation {
  previewId: string;
  directive: string;
  blockedUri: string;
  sourceFile: string | null;
  line: number | null;
  explanation: string;
}

// ---- Environments ---------------------------------------------------------------------------------

/** An environment variable as the workbench shows it: a secret's value never leaves the core. */
export interface EnvironmentVariable {
  key: string;
  value: string | null;
  secret: boolean;
  updatedAt: number;
}

/** One environment: its versions, what each installation runs and approved, its variables. */
export interface EnvironmentState {
  environment: Environment;
  /** Staging and production run only deployed versions (no hot reload), as on the platform. */
  deployedOnly: boolean;
  /** The newest local deploy, or null. */
  latest: { label: string; major: boolean; reasons: string[]; deployedAt: number } | null;
  installations: {
    name: string;
    /** The version it runs (null before the first deploy: the app's source). */
    runs: string | null;
    /** A newer major version its site admin has not approved yet. */
    awaitingApproval: { label: string; reasons: string[] } | null;
    /** Whether its admin shares its logs; off: lines are counted, not kept. */
    logAccess: boolean;
  }[];
  variables: EnvironmentVariable[];
}

// ---- Logs -----------------------------------------------------------------------------------------

export type LogLevel = 'debug' | 'info' | 'log' | 'warn' | 'error';

/** One stored log line (secret values already replaced by `[redacted: NAME]`). */
export interface LogLine {
  /** Ingest order; also the cursor for following and paging. */
  id: number;
  /** Epoch ms. */
  ts: number;
  environment: string;
  level: LogLevel;
  message: string;
  invocationId: string | null;
  functionKey: string | null;
  moduleKey: string | null;
  installation: string | null;
  /** Structured fields (for trigger lines: what was delivered, refused, retried). */
  fields: Record<string, unknown> | null;
  /**
   * Set when a deployed function would lose this line: past the platform's log lines per
   * invocation (`lines`) or its 200 KB of log data (`size`). Anvil keeps it; absent otherwise.
   */
  platformDrop?: 'lines' | 'size';
  /** `cloud`: read from the Forge platform (the app's real environment), not written by the local runner; absent on local lines. */
  source?: 'cloud';
  /** The deployed app version that wrote a cloud line, when the platform said. */
  appVersion?: string;
}

/**
 * What following an app's real environment's logs on the Forge platform is doing. `environment` is
 * the environment as the developer names it (development, staging, a custom one); its lines are
 * stored and streamed under `cloud:<environment>`.
 */
export interface CloudFollowStatus {
  environment: string;
  status: 'starting' | 'following' | 'waiting' | 'stopped';
  /** Waiting: rate-limited, unavailable, offline, timeout, malformed or graphql-error. Stopped: unauthorized, not-found, no-login, store-failed or stopped. */
  reason: string | null;
  /** What happens and what to do, for the pane (never holds the token). */
  message: string;
  /** Waiting: when the platform is asked again (epoch ms). */
  retryAt: number | null;
  /** Lines stored since following started. */
  linesStored: number;
}

/**
 * What the open app is on the Forge platform (its real environments, installations and deployed
 * versions, as `forge environments list`, `forge install list` and `forge version list` show them), or
 * why Anvil could not ask: no app id, no login, a refused token, offline, rate limited, an app this
 * account cannot see. Nothing local depends on it.
 */
export interface CloudOverview {
  status: 'ready' | 'no-app-id' | 'no-login' | 'token-refused' | 'offline' | 'rate-limited' | 'app-not-found' | 'unavailable' | 'failed';
  /** What happened and what to do; null when ready. Never holds the token. */
  message: string | null;
  /** Rate limited: when the platform may be asked again (epoch ms), null when it did not say. */
  retryAt: number | null;
  /** The manifest's app.id, as asked about. */
  appId: string | null;
  /** The Atlassian account asked with (its email). */
  account: string | null;
  /** When the platform answered (epoch ms). */
  checkedAt: number | null;
  environments: { key: string; name: string; type: string; createdAt: string }[];
  /** `id` is the platform's; `site` the host name (or the installation context when it names no site). */
  installations: { id: string; site: string; product: string; environment: string; environmentType: string; version: string | null; isLatest: boolean }[];
  /** The deployed versions of each environment, newest first. */
  versions: { environment: string; versions: { version: string; isLatest: boolean; createdAt: string }[] }[];
}

/** Which lines: every filter is optional except the environment. */
export interface LogQuery {
  environment: string;
  /** Only these levels (none: all). */
  levels?: LogLevel[];
  /** Full-text search in the message. */
  text?: string;
  functionKey?: string;
  moduleKey?: string;
  installation?: string;
  invocationId?: string;
  /** Relative (`30s`, `15m`, `2h`, `3d`) or an ISO date. */
  since?: string;
  until?: string;
  /** Lines older than this id (paging back). */
  beforeId?: number;
  /** Lines newer than this id (following). */
  afterId?: number;
  limit?: number;
  /** Only the lines the platform would keep (`kept`) or only those it would drop (`dropped`). */
  platform?: 'kept' | 'dropped';
}

export interface LogPage {
  /** Newest first. */
  lines: LogLine[];
  /** Pass as `beforeId` for the next (older) page; null at the end. */
  nextBefore: number | null;
  /** Lines not kept because the installation's admin turned log access off. */
  withheld: { installation: string; count: number }[];
}

export interface InvocationSummary {
  invocationId: string;
  environment: string;
  functionKey: string | null;
  moduleKey: string | null;
  installation: string | null;
  startedAt: number;
  durationMs: number | null;
  status: string | null;
  error: string | null;
  lineCounts: Partial<Record<LogLevel, number>>;
}

/** One invocation from start to end: its lines, its calls, its result. */
export interface InvocationTimeline {
  summary: InvocationSummary;
  calls: RunCall[];
  result: unknown;
  lines: LogLine[];
  withheld: number;
}

export interface LevelCounts {
  bucketMs: number;
  buckets: { start: number; counts: Partial<Record<LogLevel, number>> }[];
}

// ---- Triggers -------------------------------------------------------------------------------------

/** A web trigger's local URL for one installation, with a ready curl line. */
export interface WebTriggerView {
  moduleKey: string;
  functionKey: string | null;
  installation: string;
  /** `static` triggers answer from their manifest outputs. */
  responseType: 'static' | 'dynamic';
  url: string;
  curl: string;
}

export interface ScheduleView {
  moduleKey: string;
  functionKey: string | null;
  interval: string;
  installation: string;
  paused: boolean;
  /** Epoch ms on the trigger clock (which runs faster in fast-forward). */
  nextRunAt: number;
  lastRun: { at: number; invocationId: string; status: RunResult['status']; recordedStatus: number; note: string } | null;
  /** Turns that came while a run was still going, or that fast-forward jumped past: counted, not replayed. */
  skippedRuns: number;
}

export interface SubscriptionView {
  moduleKey: string;
  functionKey: string | null;
  eventType: string;
  /** The filter as written in the manifest, for display (null: none). */
  filter: string | null;
}

export interface QueueJobView {
  jobId: string;
  index: number;
  queue: string;
  consumerKey: string;
  installation: string;
  body: unknown;
  state: 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
  dueAt: number;
  attempts: number;
  lastInvocationId: string | null;
  note: string;
}

/** Everything the Triggers pane shows for one environment. */
export interface TriggersView {
  environment: string;
  /** 1 is real time; larger compresses the trigger clock (fast-forward). */
  clockSpeed: number;
  /** The trigger clock's current time, epoch ms. */
  clockNow: number;
  webTriggers: WebTriggerView[];
  schedules: ScheduleView[];
  subscriptions: SubscriptionView[];
  consumers: { moduleKey: string; queue: string }[];
  jobs: QueueJobView[];
}

/** What happened to a product event at one subscribed trigger. */
export interface EventDelivery {
  moduleKey: string;
  delivered: boolean;
  /** Why it was or was not delivered (missing scope, filter, retry). */
  reason: string;
  /** The first invocation's outcome; retries follow on the trigger clock and show in the logs. */
  outcome: RunResult | null;
  /** Why the trigger's function did not handle the event (it threw, timed out, crashed or was stopped); null when it did, or was not reached. */
  error: string | null;
}

/** What can be run: the manifest's functions (with the module that calls each) and the resolver keys a module reaches. */
export interface RunnableFunctions {
  /** `payloadTemplate`: what to start the payload from (a Rovo action's inputs from the manifest). */
  functions: { key: string; moduleType: string | null; moduleKey: string | null; payloadTemplate?: Record<string, unknown> }[];
  /** Every resolver key the runner accepts: defined by the resolver function of some module (learnt by running it). */
  resolverKeys: string[];
  /** Each accepted key with the function that defines it and the module whose resolver that function is. */
  resolvers: { key: string; functionKey: string; moduleKey: string | null; moduleType: string }[];
  /** Keys the code defines or invokes that no module's resolver function defines: the runner refuses them, for this reason. */
  unreachedResolverKeys: { key: string; reason: string }[];
  /** What to know about the list (a function whose keys could not be learnt, a key defined twice). */
  notes: string[];
}

/** The real Forge CLI as Anvil runs it: `forge` found on PATH, or `npx @forge/cli` (downloaded on first run). */
export interface ForgeCliInfo {
  kind: 'path' | 'npx' | 'missing';
  /** The executable Anvil runs (absolute); null when there is none. */
  path: string | null;
  /** What `forge --version` answered (an installed CLI only). */
  version: string | null;
  /** One sentence for the pane: what runs, or what to install. */
  description: string;
  /** The keychain's Atlassian account the CLI gets (its email only); null when none is set. */
  login: { email: string } | null;
}

/** What Anvil says before `forge deploy`: its own errors, and whether the next version is major and why. */
export interface ForgeDeployCheck {
  environment: string;
  cli: ForgeCliInfo;
  /** Anvil's errors in the manifest and code: a deploy is refused while there are any, unless deployed anyway. */
  errors: { file: string; line: number; message: string }[];
  /** Compared with what is deployed (base names it); null when Anvil knows nothing deployed. */
  version: { major: boolean; reasons: string[]; base: string } | null;
  /** Why there is nothing to compare with, and how to give Anvil a base; null when there is one. */
  noBase: string | null;
}

/** A run of the Forge CLI in a terminal of its own (output on terminalOutput, end on terminalExit). */
export interface ForgeCliRun {
  terminalId: string;
  /** The command as run (words shown as a shell would quote them; it carries no secret). */
  commandLine: string;
}

/** Forge SQL of one installation, as the Runner pane shows it. */
export interface SqlOverview {
  /** False when the manifest declares no `sql` module: nothing to show, and no engine is started. */
  enabled: boolean;
  /** e.g. "MariaDB 10.11.19 started by Anvil"; null when no engine answers. */
  engine: string | null;
  /** Why no engine answers, with how to install one. */
  problem: string | null;
  database: string | null;
  /** Row counts are the engine's estimates. */
  tables: { name: string; rows: number }[];
  /** What the app's migration runner recorded in `__migrations`. */
  migrations: { id: number; name: string; migratedAt: string }[];
}

/** A reading statement's result in the Runner pane: at most what the platform's 4 MiB response allows. */
export interface SqlQueryResult {
  columns: string[];
  rows: unknown[][];
}

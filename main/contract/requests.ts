import type { AnvilCalls, CallName } from '../../common/api';
import { boolean, integer, json, jsonObject, list, literal, nothing, nullable, object, oneOf, optional, required, string, stringList, tagged, type Check, type Infer } from './schema';

// The manifest may be at most 200 KB on the platform; the editor accepts far more so a bad file can
// still be opened and fixed, but a request body beyond this is refused outright.
const MAX_MANIFEST_CHARS = 8 * 1024 * 1024;
const MANIFEST_TEXT = string({
  maxLength: MAX_MANIFEST_CHARS,
  tooLong: 'the platform accepts a manifest of at most 200 KB; move large content (Custom UI pages, data) into resources or files under src/ and keep manifest.yml to modules and permissions',
});
const MAX_PATH_CHARS = 4096;
// App files: the core refuses a file over 2 MB (UTF-8) with the limit named; a body far beyond that is refused here.
const APP_FILE_PATH = string({ nonEmpty: true, maxLength: MAX_PATH_CHARS });
const APP_FILE_TEXT = string({ maxLength: 4 * 1024 * 1024, tooLong: 'Anvil edits app files of at most 2 MB; split the file' });
/** Unsaved editor buffers that stand in for their files in one analysis; beyond these caps the rest of the files are read from disk. */
const UNSAVED_SOURCES = list(object({ file: required(APP_FILE_PATH), text: required(APP_FILE_TEXT) }), 50, 'save some of the open files');
const ENVIRONMENT = string({ nonEmpty: true, maxLength: 64 });
const INSTALLATION_NAME = string({ nonEmpty: true, maxLength: 40 });
const MODULE_KEY = string({ nonEmpty: true, maxLength: 255 });
/** An installation's id on the Forge platform (getCloudOverview lists them). */
const CLOUD_INSTALLATION_ID = string({ nonEmpty: true, maxLength: 512 });
/** The filters of a log query (LogQuery in common/types.ts). */
const LOG_QUERY = {
  environment: required(ENVIRONMENT),
  levels: optional(stringList(['debug', 'info', 'log', 'warn', 'error'])),
  text: optional(string({ maxLength: 500 })),
  functionKey: optional(MODULE_KEY),
  moduleKey: optional(MODULE_KEY),
  installation: optional(INSTALLATION_NAME),
  invocationId: optional(string({ nonEmpty: true, maxLength: 64 })),
  since: optional(string({ nonEmpty: true, maxLength: 40 })),
  until: optional(string({ nonEmpty: true, maxLength: 40 })),
  beforeId: optional(integer(0, Number.MAX_SAFE_INTEGER)),
  afterId: optional(integer(0, Number.MAX_SAFE_INTEGER)),
  limit: optional(integer(1, 5000)),
  platform: optional(oneOf(['kept', 'dropped'])),
};

/**
 * The request schema of every call. A missing entry is a compile error, and so is an entry whose
 * checks let through another shape than the call's request type in common/api.ts (below).
 */
export const REQUEST_SCHEMAS = {
  getWorkbenchInfo: nothing,
  getCurrentApp: nothing,
  openApp: object({ folder: required(string({ nonEmpty: true, maxLength: MAX_PATH_CHARS })) }),
  checkAppFolder: object({ folder: required(string({ nonEmpty: true, maxLength: MAX_PATH_CHARS })) }),
  pickAppFolder: nothing,
  listRecentApps: nothing,
  readManifest: nothing,
  saveManifest: object({
    text: required(MANIFEST_TEXT),
    baseRevision: optional(string({ nonEmpty: true, maxLength: 128 })),
  }),
  analyzeManifest: object({ text: required(MANIFEST_TEXT), unsavedSources: optional(UNSAVED_SOURCES) }),
  explainScope: object({ scope: required(string({ nonEmpty: true, maxLength: 200 })) }),
  getManifestVocabulary: nothing,
  readSourceFile: object({ file: required(string({ nonEmpty: true, maxLength: MAX_PATH_CHARS })) }),
  listAppFolder: object({ folder: required(string({ maxLength: MAX_PATH_CHARS })) }),
  readAppFile: object({ file: required(APP_FILE_PATH) }),
  saveAppFile: object({ file: required(APP_FILE_PATH), text: required(APP_FILE_TEXT), baseRevision: optional(string({ nonEmpty: true, maxLength: 128 })) }),
  searchAppFiles: object({
    query: required(string({ nonEmpty: true, maxLength: 1000, tooLong: 'search for a shorter text' })),
    caseSensitive: optional(boolean),
    regex: optional(boolean),
    wholeWord: optional(boolean),
  }),
  locateHandler: object({ handler: required(string({ nonEmpty: true, maxLength: 1024 })) }),
  previewConsent: object({
    text: required(MANIFEST_TEXT),
    product: optional(string({ nonEmpty: true, maxLength: 64 })),
    environment: optional(string({ nonEmpty: true, maxLength: 64 })),
    base: optional(
      tagged({
        snapshot: object({ kind: required(literal('snapshot')) }),
        git: object({ kind: required(literal('git')), revision: required(string({ nonEmpty: true, maxLength: 256 })) }),
        file: object({ kind: required(literal('file')), path: required(string({ nonEmpty: true, maxLength: MAX_PATH_CHARS })) }),
        installation: object({ kind: required(literal('installation')), installation: required(CLOUD_INSTALLATION_ID) }),
      }),
    ),
  }),
  listConsentBases: nothing,
  saveConsentSnapshot: object({ text: required(MANIFEST_TEXT) }),
  getVaultStatus: nothing,
  listCredentials: nothing,
  setCredential: object({
    kind: required(oneOf(['atlassian-account', 'site-token', 'provider-account', 'secret-variable'])),
    label: required(string({ nonEmpty: true, maxLength: 256 })),
    environment: optional(string({ nonEmpty: true, maxLength: 64 })),
    value: required(string({ nonEmpty: true, maxLength: 16 * 1024 })),
  }),
  deleteCredential: object({ name: required(string({ nonEmpty: true, maxLength: 512 })) }),
  verifyAtlassianAccount: nothing,
  findForgeLogin: nothing,
  importForgeLogin: nothing,
  openTerminal: object({ withForgeLogin: required(boolean), cols: required(integer(10, 1000)), rows: required(integer(2, 500)) }),
  writeTerminal: object({ terminalId: required(string({ nonEmpty: true, maxLength: 64 })), data: required(string({ maxLength: 1024 * 1024 })) }),
  resizeTerminal: object({ terminalId: required(string({ nonEmpty: true, maxLength: 64 })), cols: required(integer(10, 1000)), rows: required(integer(2, 500)) }),
  closeTerminal: object({ terminalId: required(string({ nonEmpty: true, maxLength: 64 })) }),
  listRunnableFunctions: object({ environment: optional(ENVIRONMENT) }),
  stopFunction: nothing,
  runFunction: object({
    functionKey: required(string({ nonEmpty: true, maxLength: 256 })),
    // The platform's invocation payload limit is 5 MB (FACTS §5.5).
    payload: optional(json(5 * 1024 * 1024)),
    context: optional(jsonObject(1024 * 1024)),
    environment: optional(string({ nonEmpty: true, maxLength: 64 })),
    installation: optional(INSTALLATION_NAME),
  }),
  listInstallations: object({ environment: required(ENVIRONMENT) }),
  saveInstallation: object({
    environment: required(ENVIRONMENT),
    name: required(INSTALLATION_NAME),
    site: required(string({ nonEmpty: true, maxLength: 253 })),
    product: required(string({ nonEmpty: true, maxLength: 32 })),
    target: required(oneOf(['fixtures', 'site'])),
  }),
  deleteInstallation: object({ environment: required(ENVIRONMENT), name: required(INSTALLATION_NAME) }),
  listStorage: object({ environment: required(ENVIRONMENT), installation: optional(INSTALLATION_NAME) }),
  setStorageEntry: object({
    environment: required(ENVIRONMENT),
    installation: optional(INSTALLATION_NAME),
    space: required(oneOf(['value', 'secret', 'entity'])),
    entity: optional(string({ nonEmpty: true, maxLength: 60 })),
    key: required(string({ nonEmpty: true, maxLength: 500 })),
    // The platform's per-key value limit is 240 KiB; the store checks the exact size.
    value: required(json(512 * 1024)),
  }),
  getSqlOverview: object({ environment: required(ENVIRONMENT), installation: optional(INSTALLATION_NAME) }),
  // The platform takes at most 1 MiB per query.
  runSqlQuery: object({
    environment: required(ENVIRONMENT),
    installation: optional(INSTALLATION_NAME),
    query: required(string({ nonEmpty: true, maxLength: 1024 * 1024, tooLong: "Forge SQL's request size limit is 1 MiB per query" })),
  }),
  deleteStorageEntry: object({
    environment: required(ENVIRONMENT),
    installation: optional(INSTALLATION_NAME),
    space: required(oneOf(['value', 'secret', 'entity'])),
    entity: optional(string({ nonEmpty: true, maxLength: 60 })),
    key: required(string({ nonEmpty: true, maxLength: 500 })),
  }),
  getTriggers: object({ environment: required(ENVIRONMENT) }),
  runScheduledTrigger: object({ environment: required(ENVIRONMENT), installation: optional(INSTALLATION_NAME), moduleKey: required(MODULE_KEY) }),
  pauseScheduledTrigger: object({ environment: required(ENVIRONMENT), installation: optional(INSTALLATION_NAME), moduleKey: required(MODULE_KEY), paused: required(boolean) }),
  setTriggerClock: object({ environment: required(ENVIRONMENT), speed: required(integer(1, 1_000_000)) }),
  getEventTemplate: object({ environment: required(ENVIRONMENT), installation: optional(INSTALLATION_NAME), eventType: required(string({ nonEmpty: true, maxLength: 200 })) }),
  fireProductEvent: object({
    environment: required(ENVIRONMENT),
    installation: optional(INSTALLATION_NAME),
    eventType: required(string({ nonEmpty: true, maxLength: 200 })),
    // The platform's invocation payload limit is 5 MB (FACTS §5.5).
    payload: required(json(5 * 1024 * 1024)),
    moduleKey: optional(MODULE_KEY),
  }),
  listEnvironments: nothing,
  createEnvironment: object({ key: required(ENVIRONMENT) }),
  deleteEnvironment: object({ key: required(ENVIRONMENT) }),
  getEnvironmentState: object({ environment: required(ENVIRONMENT) }),
  deployEnvironment: object({ environment: required(ENVIRONMENT) }),
  approveInstallation: object({ environment: required(ENVIRONMENT), installation: required(INSTALLATION_NAME) }),
  setInstallationLogAccess: object({ environment: required(ENVIRONMENT), installation: required(INSTALLATION_NAME), on: required(boolean) }),
  setEnvironmentVariable: object({
    environment: required(ENVIRONMENT),
    key: required(string({ nonEmpty: true, maxLength: 100 })),
    value: required(string({ maxLength: 4096 })),
    secret: required(boolean),
  }),
  unsetEnvironmentVariable: object({ environment: required(ENVIRONMENT), key: required(string({ nonEmpty: true, maxLength: 100 })) }),
  getLogRetention: nothing,
  setLogRetention: object({ days: required(integer(1, 365)) }),
  getPreferences: nothing,
  setPreference: object({
    key: required(string({ nonEmpty: true, maxLength: 64 })),
    value: required(nullable(string({ maxLength: 4096, tooLong: 'keep a preference to 4 KB' }))),
  }),
  queryLogs: object(LOG_QUERY),
  listInvocations: object(LOG_QUERY),
  getInvocationTimeline: object({ invocationId: required(string({ nonEmpty: true, maxLength: 64 })) }),
  getLogLevelCounts: object({ ...LOG_QUERY, bucketMs: optional(integer(1000, 7 * 86_400_000)) }),
  exportLogs: object({ ...LOG_QUERY, format: required(oneOf(['jsonl', 'csv'])) }),
  followCloudLogs: object({ environment: required(ENVIRONMENT) }),
  stopFollowingCloudLogs: object({ environment: required(ENVIRONMENT) }),
  getCloudOverview: object({ refresh: required(boolean) }),
  listPreviewModules: nothing,
  openPreview: object({ moduleKey: required(MODULE_KEY), environment: required(ENVIRONMENT), installation: optional(INSTALLATION_NAME), context: optional(jsonObject(64 * 1024)) }),
  // The frontend invoke limit is 500 KB (FACTS §5.5).
  previewBridgeCall: object({ previewId: required(string({ nonEmpty: true, maxLength: 64 })), name: required(string({ nonEmpty: true, maxLength: 64 })), payload: optional(json(500 * 1024)) }),
  readFixture: object({ file: required(string({ nonEmpty: true, maxLength: MAX_PATH_CHARS })) }),
  saveFixture: object({ file: required(string({ nonEmpty: true, maxLength: MAX_PATH_CHARS })), text: required(string({ maxLength: 5 * 1024 * 1024 })) }),
  describeForgeCli: nothing,
  checkForgeDeploy: object({ environment: required(ENVIRONMENT) }),
  runForgeCli: object({
    command: required(oneOf(['deploy', 'install-upgrade'])),
    environment: required(ENVIRONMENT),
    site: optional(string({ nonEmpty: true, maxLength: 255 })),
    product: optional(string({ nonEmpty: true, maxLength: 40 })),
    despiteErrors: optional(boolean),
    cols: required(integer(10, 1000)),
    rows: required(integer(2, 500)),
  }),
} satisfies Record<CallName, Check>;

// The request types (common/api.ts, what the renderer compiles against) and these checks (what the
// core lets in) are one contract: this compiles only while they agree for every call, and a call
// where they do not is named in the compiler's error.
type RequestOf<N extends CallName> = Parameters<AnvilCalls[N]> extends [] ? undefined : Parameters<AnvilCalls[N]>[0];
type KeysOf<T> = T extends object ? keyof T : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([Exclude<KeysOf<A>, KeysOf<B>> | Exclude<KeysOf<B>, KeysOf<A>>] extends [never] ? true : false) : false) : false;
type CallsWhoseCheckDisagrees = { [N in CallName]: Same<Infer<(typeof REQUEST_SCHEMAS)[N]>, RequestOf<N>> extends true ? never : N }[CallName];
const everyCheckMatchesItsRequestType: [CallsWhoseCheckDisagrees] extends [never] ? true : { checksDisagreeFor: CallsWhoseCheckDisagrees } = true;
void everyCheckMatchesItsRequestType;

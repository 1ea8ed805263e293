import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { appDataFolder } from '../app';
import { AnvilError } from '../contract';
import { declaredScopes, egressEntries, MANIFEST_FILE_NAME, modulesOf, parseEgressAddress, parseManifest } from '../manifest';
import { answerFromFixtures, productCall, readFixture, writeFixture } from './gateway/product-gateway';
import { egressFetch } from './gateway/egress-gateway';
import type { EgressNetwork } from './gateway/egress-transport';
import { builtInInstallation, InstallationBook, manifestProducts, type Installation, type InstallationPlace } from './gateway/installation';
import { KvsStore, type StoredEntry } from './gateway/kvs-store';
import { entityDeclarations } from './gateway/entity-index';
import { LEGACY_STORAGE_PATH, legacyStorageCall } from './gateway/legacy-storage';
import { answerGraphqlFromFixtures, GRAPHQL_PATH } from './gateway/graphql-fixtures';
import { answerFromSite, type SiteTargetOptions } from './gateway/site-target';
import { externalAuthFor, providerFetch, type ProviderOptions } from './gateway/provider-gateway';
import { noUserRefusal } from './gateway/user-token';
import { openAppDatabaseFor, type AppDatabase } from '../database';
import { bundleHandler, BundleError, deployedBundle } from './host/app-bundle';
import { RunnerHost, type InvocationResult } from './host/runner-host';
import { functionTarget, isManifestFunction, moduleTarget, runnableFunctions } from './function-target';
import { ResolverCatalog } from './resolver-catalog';
import type { LearnedResolver } from './resolver-learning';
import { resolverFunctions, resolverRoutes, type ResolverFunction, type ResolverRoutes } from './resolver-routes';
import type { BuiltBundle } from './host/app-bundle';
import type { RunnableFunctions, SqlOverview, SqlQueryResult } from '../../common/types';
import { invocationArguments, moduleContext } from './invocation-payload';
import type { CallMessage } from './protocol';
import { jsonResponse, type CallRecord, type GatewayResponse } from './gateway/call-record';
import { LogBudget, PlatformLogLimits, type PlatformDrop } from '../logs';
import { llmCall, type LlmOptions } from './gateway/llm-gateway';
import { realtimeCall } from './gateway/realtime-gateway';
import { RealtimeBroker } from '../realtime';
import { ForgeSql, sharedLocalEngine, type EngineSource } from '../sql';
import { forgeSqlCall } from './gateway/sql-gateway';

export interface RunRequest {
  /** A function key or a resolver key; ignored when `moduleKey` is given. */
  functionKey: string;
  /** Run the function of this module (a trigger, web trigger, consumer) with `payload` exactly as the platform sends it. */
  moduleKey?: string;
  payload?: unknown;
  context?: Record<string, unknown> | null;
  environment?: string;
  /** Installation name; by default the built-in one for the manifest's first product. */
  installation?: string;
  /**
   * Resolver keys `resolver.define` names in the source. Where each key runs is learnt by running the
   * resolver functions; these are used only for a function whose keys cannot be learnt.
   */
  resolverKeys?: readonly string[];
}

export type RunOutcome = InvocationResult & { functionKey: string; environment: string; installation: string };

export interface AppRunnerOptions {
  /** Anvil's data folder; null keeps storage in memory and bundles in a temporary folder. */
  dataDir: string | null;
  /**
   * Each log line as it happens (already redacted), with where it came from and, in `mark`, whether
   * the platform would drop it; the last line of an invocation may be Anvil's notice of what the
   * platform would drop (`mark.fields`).
   */
  onLog?: (invocationId: string, level: string, message: string, origin: InvocationOrigin, mark: LogMark) => void;
  /** Replaces known secret values in what an invocation reports (its log lines and error) before anyone sees it. */
  redact?: (text: string) => string;
  /** An invocation starts (no outcome yet) and ends (with it): for the logs store's grouping. */
  onInvocation?: (origin: InvocationOrigin, outcome: RunOutcome | null) => void;
  /** The key that seals `kvs.setSecret` values (from the OS keychain). Without it, secret storage is refused. */
  secretKey?: () => Promise<Buffer>;
  /** How product calls reach a real site (the developer's login, from the keychain). */
  site?: SiteTargetOptions;
  /** The app's database (storage, installations); opened here when not given, and then closed with the runner. */
  db?: AppDatabase;
  /** Accounts the developer connected for the manifest's OAuth providers (tokens stay in the host). */
  providers?: ProviderOptions;
  /**
   * What an installation runs in an environment once versions are deployed: the manifest its admin
   * approved (whose scopes and egress are enforced) and, where the platform allows no hot reload,
   * the deployed code. Null: run the app's src/ with the edited manifest's permissions.
   */
  release?: (environment: string, installation: string) => Promise<ReleaseInfo | null>;
  /** The environment's variables, as app code sees them in `process.env`. */
  variables?: (environment: string) => Promise<Record<string, string>>;
  /** Platform services app code reaches through the Atlassian API gateway (queues, web trigger URLs). */
  platform?: PlatformServices;
  /** How allowed backend egress reaches the internet, after every check; tests give a pretend one. By default the real network. */
  network?: EgressNetwork;
  /**
   * The keys each resolver function of an environment defines, once Anvil has learnt them by running
   * the functions (null when some function's keys could not be learnt): for the analysis.
   */
  onResolversLearned?: (environment: string, learned: ReadonlyMap<string, readonly string[]> | null) => void;
  /** Where Forge LLMs calls are answered: the developer's OpenAI-compatible endpoint, or the app's fixtures when there is none. */
  llm?: LlmOptions;
  /** Forge SQL's engine; by default a MariaDB server Anvil starts on the first statement (data in the data folder), stopped when the runner closes. */
  sql?: ForgeSql;
  /** Where Forge SQL's statements go when `sql` is not given: a server the developer named (see `sqlEngineFromSettings`). */
  sqlEngine?: EngineSource;
}

export interface ReleaseInfo {
  /** e.g. `2.1`. */
  label: string;
  /** The manifest of the version the installation runs (approved by its admin). */
  manifest: unknown;
  /** Deployed bundles to run instead of building src/ (no hot reload), or null. */
  bundleFolder: string | null;
}

/** What Anvil knows about a line beside its text: whether the platform would drop it, or that it is Anvil's notice. */
export interface LogMark {
  platformDrop?: PlatformDrop;
  /** Set by Anvil only (app code's lines never carry fields). */
  fields?: Record<string, unknown>;
}

/** Where an invocation ran: the logs store files its lines under these. */
export interface InvocationOrigin {
  invocationId: string;
  environment: string;
  functionKey: string;
  moduleKey: string | null;
  installation: string;
  startedAt: number;
}

/** A call app code made to the platform itself (`remote: stargate`), with where it came from. */
export interface PlatformCall {
  environment: string;
  installation: Installation;
  method: string;
  path: string;
  body: string | null;
}

/** Answers platform calls; null when the call is not one it serves. */
export type PlatformServices = (call: PlatformCall) => Promise<{ response: GatewayResponse; record: CallRecord } | null>;

/**
 * Runs one app's functions locally as the platform would: bundle (again after every change: hot
 * reload), run in the sandboxed runner process, and answer its calls through the gateway.
 */
export class AppRunner {
  private readonly hosts = new Map<string, RunnerHost>();
  private closed = false;
  private readonly workFolder: string;
  private readonly db: AppDatabase;
  private readonly ownsDb: boolean;
  private readonly installations: InstallationBook;
  private readonly secretKey: () => Promise<Buffer>;
  private readonly resolverCatalog = new ResolverCatalog();
  /** Forge Realtime for this app: backend functions publish here, preview pages subscribe. */
  readonly realtime = new RealtimeBroker();
  /** Forge SQL for this app's installations; its engine starts only when a statement comes. */
  readonly sql: ForgeSql;
  private readonly ownsSql: boolean;

  constructor(
    private readonly appFolder: string,
    private readonly options: AppRunnerOptions,
  ) {
    const dataFolder = options.dataDir ? appDataFolder(options.dataDir, appFolder) : null;
    this.workFolder = dataFolder ? path.join(dataFolder, 'runner') : path.join(os.tmpdir(), `anvil-runner-${process.pid}`);
    mkdirSync(path.join(this.workFolder, 'bundles'), { recursive: true, mode: 0o700 });
    this.ownsDb = options.db === undefined;
    this.db = options.db ?? openAppDatabaseFor(options.dataDir, appFolder);
    this.installations = new InstallationBook(this.db);
    this.ownsSql = options.sql === undefined;
    this.sql = options.sql ?? new ForgeSql({ engine: options.sqlEngine ?? sharedLocalEngine(sqlEngineFolder(options.dataDir)) });
    let key: Promise<Buffer> | null = null;
    const source = options.secretKey ?? (() => Promise.reject(new Error('this runner has no keychain')));
    // Asked once per runner; a failure is not remembered, so unlocking the keychain is enough to retry.
    this.secretKey = () => (key ??= source().catch((error: unknown) => ((key = null), Promise.reject(error))));
  }

  /** `signal`: aborting it stops the invocation (status `stopped`), as Stop in the Runner pane does. */
  async run(request: RunRequest, signal?: AbortSignal): Promise<RunOutcome> {
    const environment = request.environment ?? 'development';
    const edited = await this.manifest();
    const place = this.place(edited, environment, request.installation);
    const release = this.options.release ? await this.options.release(environment, place.name) : null;
    // Deployed code runs with the manifest it was deployed with; source runs with the edited one.
    const manifest = release?.bundleFolder ? release.manifest : edited;
    const resolvers =
      request.moduleKey === undefined && !isManifestFunction(manifest, request.functionKey) ? await this.resolverRoutes(manifest, environment, release, request.resolverKeys ?? []) : null;
    const target = request.moduleKey !== undefined ? moduleTarget(manifest, request.moduleKey) : functionTarget(manifest, request.functionKey, resolvers?.routes);
    const installation = this.approved(release ? release.manifest : edited, place);
    let bundle;
    try {
      bundle = resolvers?.bundles.get(target.handler) ?? (await this.bundleFor(release, target.handler, environment));
    } catch (error) {
      if (error instanceof BundleError) throw new AnvilError('bad-request', `The app does not build: ${error.message}`);
      throw error;
    }
    const { payload, context, appContext, user } = invocationArguments(target, installation, environment, request.payload, request.context ?? null);
    const host = this.hostFor(environment, target.memoryMB);
    const externalAuth = this.options.providers ? await externalAuthFor(manifest, target.functionKey, environment, this.options.providers) : [];
    const origin: InvocationOrigin = {
      invocationId: randomUUID(),
      environment,
      functionKey: target.functionKey,
      moduleKey: target.module?.key ?? null,
      installation: installation.name,
      startedAt: Date.now(),
    };
    this.options.onInvocation?.(origin, null);
    // Held to Anvil's log budget per invocation where lines enter the host, and redacted here,
    // once, for everyone who sees the line (terminal, logs, the command line). Each line is judged
    // as the platform would (its lines per runtime minute, its 200 KB): kept here, marked.
    const live = new LogBudget((text) => this.redact(text));
    const platform = new PlatformLogLimits(target.timeoutSeconds);
    const result = await this.finalStatus(origin, async () =>
      host.invoke({
        invocationId: origin.invocationId,
        signal,
        onLog: (invocationId, level, message) => {
          const platformDrop = platform.judge(message);
          const line = live.admit(level, message);
          const mark = platformDrop ? { platformDrop } : {};
          if (line) this.options.onLog?.(invocationId, line.level, line.message, origin, mark);
          return mark;
        },
        bundlePath: bundle.bundlePath,
        exportName: bundle.exportName,
        payload,
        context,
        appContext,
        externalAuth,
        env: this.options.variables ? await this.options.variables(environment) : {},
        timeoutMs: target.timeoutSeconds * 1000,
        onCall: (call) => this.answer(call, environment, installation, manifest, target.functionKey, { user, moduleType: target.module?.type ?? 'function', uiContext: request.context ?? null }),
      }),
    );
    const cut = live.summary();
    if (cut) this.options.onLog?.(origin.invocationId, cut.level, cut.message, origin, {});
    const notice = platform.notice();
    if (notice) this.options.onLog?.(origin.invocationId, notice.level, notice.message, origin, { fields: notice.fields });
    const kept = new LogBudget((text) => this.redact(text));
    const outcome = {
      ...result,
      logs: [
        ...result.logs.flatMap((line) => {
          const admitted = kept.admit(line.level, line.message);
          return admitted ? [line.platformDrop ? { ...admitted, platformDrop: line.platformDrop } : admitted] : [];
        }),
        ...(cut ? [cut] : []),
        ...(notice ? [{ level: notice.level, message: notice.message }] : []),
      ],
      error: result.error === null ? null : this.redact(result.error),
      functionKey: target.functionKey,
      environment,
      installation: installation.name,
    };
    this.options.onInvocation?.(origin, outcome);
    return outcome;
  }

  /**
   * A product call from a Custom UI frontend (`requestJira` in @forge/bridge): the same gateway and
   * target as backend calls, as the user, for the environment's installation.
   */
  async productFetch(
    environment: string,
    installationName: string | undefined,
    request: { product: string; method: string; path: string; body: string | null },
  ): Promise<{ response: GatewayResponse; record: CallRecord }> {
    const edited = await this.manifest();
    const place = this.place(edited, environment, installationName);
    const release = this.options.release ? await this.options.release(environment, place.name) : null;
    const installation = this.approved(release ? release.manifest : edited, place);
    return productCall(this.appFolder, installation, request, (_installation, productRequest) =>
      installation.target === 'site' && this.options.site ? answerFromSite(installation, productRequest, this.options.site) : answerFromFixtures(this.appFolder, productRequest),
    );
  }

  /** `view.getContext()` for a UI module on an installation. */
  async frontendContext(
    environment: string,
    installationName: string | undefined,
    moduleType: string,
    moduleKey: string,
    userContext: Record<string, unknown> | null,
  ): Promise<Record<string, unknown>> {
    const edited = await this.manifest();
    const installation = this.approved(edited, this.place(edited, environment, installationName));
    return moduleContext(moduleType, moduleKey, installation, environment, userContext);
  }

  readFixture(file: string): Promise<string> {
    return readFixture(this.appFolder, file);
  }

  writeFixture(file: string, text: string): Promise<void> {
    return writeFixture(this.appFolder, file, text);
  }

  /** The environment's installations: one built in per product of the manifest, then the developer's own. */
  async listInstallations(environment: string): Promise<Installation[]> {
    const manifest = await this.manifest();
    return this.places(manifest, environment).map((place) => this.approved(manifest, place));
  }

  saveInstallation(environment: string, place: InstallationPlace): InstallationPlace {
    return this.installations.save(environment, place);
  }

  deleteInstallation(environment: string, name: string): void {
    this.installations.delete(environment, name);
  }

  /** What an installation has in storage (secrets by key only). */
  async storage(environment: string, installationName?: string): Promise<StoredEntry[]> {
    const installation = this.installation(await this.manifest(), environment, installationName);
    return this.storeFor(environment, installation).entries();
  }

  async setStorage(environment: string, installationName: string | undefined, entry: { space: StoredEntry['space']; entity: string | null; key: string; value: unknown }): Promise<void> {
    const installation = this.installation(await this.manifest(), environment, installationName);
    await this.storeFor(environment, installation).put(entry.space, entry.key, entry.value, entry.entity);
  }

  async deleteStorage(environment: string, installationName: string | undefined, entry: { space: StoredEntry['space']; entity: string | null; key: string }): Promise<void> {
    const installation = this.installation(await this.manifest(), environment, installationName);
    if (!this.storeFor(environment, installation).remove(entry.space, entry.key, entry.entity)) {
      throw new AnvilError('bad-request', `${installation.name} has no ${entry.space === 'value' ? '' : `${entry.space} `}entry "${entry.key}" in ${environment}; nothing was deleted.`);
    }
  }

  close(): void {
    this.closed = true;
    for (const host of this.hosts.values()) host.close();
    this.hosts.clear();
    if (this.ownsDb && this.db.open) this.db.close();
    // The engine stops in the background; `closeSql` waits for it (the workbench and the CLI on exit).
    if (this.ownsSql) void this.sql.close();
  }

  /** The installation's Forge SQL tables and migrations; the engine starts only for an app that declares the `sql` module. */
  async sqlOverview(environment: string, installationName?: string): Promise<SqlOverview> {
    const manifest = await this.manifest();
    const empty: SqlOverview = { enabled: false, engine: null, problem: null, database: null, tables: [], migrations: [] };
    if (!modulesOf(manifest).some((module) => module.type === 'sql')) return empty;
    const installation = this.installation(manifest, environment, installationName);
    const engine = await this.sql.engineLabel();
    if (engine.problem !== null) return { ...empty, enabled: true, problem: engine.problem };
    const seen = await this.sql.inspect({ app: this.appFolder, environment, installation: installation.name });
    return { enabled: true, engine: engine.label, problem: null, ...seen };
  }

  /** A reading statement from the Runner pane, on the installation's database, read-only. */
  async sqlQuery(environment: string, installationName: string | undefined, query: string): Promise<SqlQueryResult> {
    const manifest = await this.manifest();
    if (!modulesOf(manifest).some((module) => module.type === 'sql')) throw new AnvilError('bad-request', 'This app declares no sql module, so it has no Forge SQL database.');
    const installation = this.installation(manifest, environment, installationName);
    const answer = await this.sql.readOnly({ app: this.appFolder, environment, installation: installation.name }, query);
    if (answer.status !== 200) throw new AnvilError('bad-request', String((answer.body as { message?: unknown }).message ?? answer.note));
    const rows = (answer.body as { rows: Record<string, unknown>[] }).rows;
    const columns = answer.columns ?? Object.keys(rows[0] ?? {});
    return { columns, rows: rows.map((row) => columns.map((column) => row[column])) };
  }

  /** Stops the SQL engine this runner started, and waits until it has stopped. */
  async closeSql(): Promise<void> {
    if (this.ownsSql) await this.sql.close();
  }

  // An invocation recorded as started always gets a final status, even when it never reached the
  // runner (the runner did not start, the environment's variables could not be read).
  private async finalStatus(origin: InvocationOrigin, start: () => Promise<InvocationResult>): Promise<InvocationResult> {
    try {
      return await start();
    } catch (error) {
      this.options.onInvocation?.(origin, {
        invocationId: origin.invocationId,
        status: 'crashed',
        result: null,
        error: this.redact(`The invocation could not run: ${error instanceof Error ? error.message : String(error)}`),
        durationMs: Date.now() - origin.startedAt,
        memoryBytes: null,
        logs: [],
        calls: [],
        functionKey: origin.functionKey,
        environment: origin.environment,
        installation: origin.installation,
      });
      throw error;
    }
  }

  private redact(text: string): string {
    return this.options.redact ? this.options.redact(text) : text;
  }

  private async manifest(): Promise<unknown> {
    const parsed = parseManifest(await readFile(path.join(this.appFolder, MANIFEST_FILE_NAME), 'utf8'));
    if (parsed.value === null) throw new AnvilError('bad-request', `manifest.yml cannot be read (${parsed.problems[0]?.message ?? 'not YAML'}); fix it before running functions.`);
    return parsed.value;
  }

  private places(manifest: unknown, environment: string): InstallationPlace[] {
    return [...manifestProducts(manifest).map(builtInInstallation), ...this.installations.list(environment)];
  }

  private installation(manifest: unknown, environment: string, name: string | undefined): Installation {
    return this.approved(manifest, this.place(manifest, environment, name));
  }

  private place(manifest: unknown, environment: string, name: string | undefined): InstallationPlace {
    const places = this.places(manifest, environment);
    const place = name === undefined ? places[0]! : places.find((candidate) => candidate.name === name);
    if (!place)
      throw new AnvilError('bad-request', `No installation named "${name}" in ${environment}; use one of ${places.map((candidate) => candidate.name).join(', ')}, or add it in the Runner pane.`);
    return place;
  }

  /** What can run in an environment: the manifest's functions and the resolver keys some module reaches, learnt from the code that runs there. */
  async runnable(options: { environment?: string; resolverKeys?: readonly string[] } = {}): Promise<RunnableFunctions> {
    const environment = options.environment ?? 'development';
    const edited = await this.manifest();
    const place = this.place(edited, environment, undefined);
    // Before its first deploy an environment that runs only deployed versions has no release: list
    // what the code offers, so running it gives the refusal that says to deploy first.
    const release = this.options.release
      ? await this.options.release(environment, place.name).catch((error: unknown) => {
          if (error instanceof AnvilError) return null;
          throw error;
        })
      : null;
    const manifest = release?.bundleFolder ? release.manifest : edited;
    return runnableFunctions(manifest, (await this.resolverRoutes(manifest, environment, release, options.resolverKeys ?? [])).routes);
  }

  private async bundleFor(release: ReleaseInfo | null, handler: string, environment: string): Promise<BuiltBundle> {
    return release?.bundleFolder ? deployedBundle(release.bundleFolder, handler) : bundleHandler(this.appFolder, handler, path.join(this.workFolder, 'bundles', environment));
  }

  /**
   * Which function runs each resolver key: every function a module names as its resolver is run
   * once per bundle (cached) to read the keys its resolver defines. The bundles built on the way are
   * kept for the invocation that follows.
   */
  private async resolverRoutes(
    manifest: unknown,
    environment: string,
    release: ReleaseInfo | null,
    sourceKeys: readonly string[],
  ): Promise<{ routes: ResolverRoutes; bundles: Map<string, BuiltBundle> }> {
    const functions = resolverFunctions(manifest);
    const learned = new Map<string, LearnedResolver>();
    const bundles = new Map<string, BuiltBundle>();
    for (const fn of functions) learned.set(fn.functionKey, await this.learnKeys(manifest, fn, environment, release, bundles));
    const keys = [...learned].flatMap(([functionKey, found]) => (found.kind === 'resolver' ? [[functionKey, found.keys] as const] : []));
    this.options.onResolversLearned?.(environment, keys.length === learned.size ? new Map(keys) : null);
    return { routes: resolverRoutes(functions, learned, sourceKeys), bundles };
  }

  private async learnKeys(manifest: unknown, fn: ResolverFunction, environment: string, release: ReleaseInfo | null, bundles: Map<string, BuiltBundle>): Promise<LearnedResolver> {
    let bundle = bundles.get(fn.handler);
    if (!bundle) {
      try {
        bundle = await this.bundleFor(release, fn.handler, environment);
      } catch (error) {
        if (error instanceof BundleError) return { kind: 'failed', problem: `it does not build: ${error.message}` };
        throw error;
      }
      bundles.set(fn.handler, bundle);
    }
    // The function's own limits (time, memory), runner and environment variables (top-level code
    // often reads its configuration, as it may on the platform); no calls.
    const limits = functionTarget(manifest, fn.functionKey);
    const env = this.options.variables ? await this.options.variables(environment) : {};
    return this.resolverCatalog.keysOf(bundle, env, ({ bundlePath, exportName, env: variables, onCall }) =>
      this.hostFor(environment, limits.memoryMB).invoke({
        bundlePath,
        exportName,
        payload: null,
        context: null,
        appContext: {
          appId: 'local-app',
          appVersion: 'local',
          environmentId: `local-${environment}`,
          environmentType: environment.toUpperCase(),
          functionKey: fn.functionKey,
          moduleType: 'function',
          moduleKey: fn.functionKey,
        },
        env: { ...variables },
        timeoutMs: limits.timeoutSeconds * 1000,
        onCall,
      }),
    );
  }

  /** Bundle every function of the current manifest into a deployment's folder (a local "deploy"). */
  async bundleAll(environment: string, version: number): Promise<string> {
    const manifest = await this.manifest();
    const folder = path.join(this.workFolder, 'bundles', 'deployments', environment, String(version));
    const handlers = new Set(modulesOf(manifest).flatMap((module) => (module.type === 'function' && typeof module.value.handler === 'string' ? [module.value.handler] : [])));
    try {
      for (const handler of handlers) await bundleHandler(this.appFolder, handler, folder);
    } catch (error) {
      if (error instanceof BundleError) throw new AnvilError('bad-request', `The app does not build, so nothing was deployed: ${error.message}`);
      throw error;
    }
    return folder;
  }

  /** Where a deployment's bundles are. */
  deploymentFolder(environment: string, version: number): string {
    return path.join(this.workFolder, 'bundles', 'deployments', environment, String(version));
  }

  // Until environments keep approved versions, an installation has approved what the manifest asks.
  private approved(manifest: unknown, place: InstallationPlace): Installation {
    const scopes = declaredScopes(manifest).map((entry) => entry.scope);
    const egress = egressEntries(manifest)
      .filter((entry) => entry.list === 'fetch.backend' && entry.address !== null)
      .flatMap((entry) => {
        const address = parseEgressAddress(entry.address!);
        return address.ok ? [address.host] : [];
      });
    return { ...place, approvedScopes: scopes, approvedEgress: egress, builtIn: place.name.startsWith('local-') };
  }

  private hostFor(environment: string, memoryMB: number): RunnerHost {
    const key = `${environment}|${memoryMB}`;
    let host = this.hosts.get(key);
    // Work that was under way when the app closed (a bundle, a resolver's keys) starts no runner afterwards.
    if (!host && this.closed) throw new AnvilError('no-app-open', 'The app was closed while this was under way; open it again to run its functions.');
    if (!host) {
      host = new RunnerHost({ bundlesRoot: path.join(this.workFolder, 'bundles'), memoryMB });
      this.hosts.set(key, host);
    }
    return host;
  }

  private async answer(
    call: CallMessage,
    environment: string,
    installation: Installation,
    manifest: unknown,
    functionKey: string,
    invoker: { user: string | null; moduleType: string; uiContext?: Record<string, unknown> | null },
  ) {
    const request = call.request;
    if (call.kind === 'product') {
      const refused = noUserRefusal(request.meta, invoker.user, invoker.moduleType, `${String(request.meta?.remote ?? 'jira')} ${request.url.split('?')[0]}`, request.method);
      if (refused) return refused;
    }
    if (call.kind === 'product' && request.meta?.type === 'tpp') {
      const providerRequest = {
        provider: String(request.meta.provider ?? ''),
        remote: String(request.meta.remote ?? ''),
        path: request.url,
        method: request.method,
        headers: request.headers,
        body: request.body,
      };
      if (!this.options.providers) return providerFetch(manifest, functionKey, environment, providerRequest, { account: async () => null });
      return providerFetch(manifest, functionKey, environment, providerRequest, this.options.providers);
    }
    if (call.kind === 'product' && request.meta?.type === 'llm') return llmCall(this.appFolder, manifest, request, this.options.llm ?? null);
    if (call.kind === 'product' && request.meta?.type === 'realtime') return realtimeCall(this.realtime, environment, installation, invoker.uiContext ?? null, request);
    if (call.kind === 'product' && request.meta?.type === 'sql') {
      return forgeSqlCall(this.sql, manifest, { app: this.appFolder, environment, installation: installation.name }, { method: request.method, url: request.url, body: request.body });
    }
    if (call.kind === 'fetch')
      return egressFetch(
        installation,
        { url: request.url, method: request.method, headers: request.headers, body: request.body, ...(request.bodyEncoding ? { bodyEncoding: request.bodyEncoding } : {}) },
        this.options.network,
      );
    if (call.kind === 'storage') {
      return storageScopeRefusal(installation, request.url.replace(/^\/api\/v1\//, '')) ?? this.storeFor(environment, installation, manifest).handle(request.url, request.body);
    }
    const product = String(request.meta?.remote ?? 'jira');
    if (product === 'stargate') {
      // Legacy `storage` from @forge/api: the same store as @forge/kvs, behind the same scope.
      if (request.url.split('?')[0] === LEGACY_STORAGE_PATH) {
        return storageScopeRefusal(installation, 'legacy storage') ?? legacyStorageCall(this.storeFor(environment, installation, manifest), request.body);
      }
      return this.platformCall({ environment, installation, method: request.method, path: request.url, body: request.body });
    }
    return productCall(this.appFolder, installation, { product, method: request.method, path: request.url, body: request.body }, (_installation, productRequest) =>
      installation.target === 'site' && this.options.site ? answerFromSite(installation, productRequest, this.options.site) : answerFromFixtures(this.appFolder, productRequest),
    );
  }

  private async platformCall(call: PlatformCall): Promise<{ response: GatewayResponse; record: CallRecord }> {
    const answered = this.options.platform ? await this.options.platform(call) : null;
    if (answered) return answered;
    // requestGraph: what the platform services above do not answer comes from the app's GraphQL fixtures.
    if (call.method.toUpperCase() === 'POST' && call.path.split('?')[0] === GRAPHQL_PATH) return answerGraphqlFromFixtures(this.appFolder, call.body);
    const target = `platform ${call.path.split('?')[0]}`;
    return {
      response: jsonResponse(501, { message: `Anvil does not provide the platform API ${call.method} ${call.path.split('?')[0]} locally` }),
      record: { kind: 'product', target, method: call.method, allowed: false, reason: `the platform API ${call.path.split('?')[0]} is not available in Anvil's local runner` },
    };
  }

  /** The installation's store; with the manifest that runs, its custom entities can be queried by index. */
  private storeFor(environment: string, installation: Installation, manifest: unknown = null): KvsStore {
    return new KvsStore(this.db, environment, installation.name, this.secretKey, entityDeclarations(manifest));
  }
}

/** App storage (either API) needs storage:app; null when the installation approved it. */
function storageScopeRefusal(installation: Installation, operation: string): { response: GatewayResponse; record: CallRecord } | null {
  if (installation.approvedScopes.includes('storage:app')) return null;
  return {
    response: jsonResponse(403, { code: 'FORBIDDEN', message: 'The app does not have the storage:app scope' }),
    record: {
      kind: 'storage',
      target: operation,
      method: 'POST',
      allowed: false,
      reason: 'app storage needs the scope storage:app, which the installation has not approved; add it to permissions.scopes',
    },
  };
}

/** Anvil's one SQL engine folder per data folder (every app's databases live in it); without a data folder, a temporary one removed on close. */
function sqlEngineFolder(dataDir: string | null): { folder: string; ephemeral: boolean } {
  if (dataDir) return { folder: path.join(dataDir, 'sql-engine'), ephemeral: false };
  return { folder: path.join(os.tmpdir(), `anvil-sql-${process.pid}-${randomUUID().slice(0, 8)}`), ephemeral: true };
}

import { performance } from 'node:perf_hooks';
import type { AnalysisReport } from '../../common/types';
import { AnvilError } from '../contract';
import { checkManifest, HandlerFiles, manifestDiagnostic, revisionOf, type SchemaValidator, type SchemaViolation } from '../manifest';
import { egressFindings } from './egress-findings';
import { resolverFindings } from './resolver-findings';
import { manifestResolverFunctions } from './resolver-setting';
import { moduleFindings } from './module-findings';
import { scopeFindings } from './scope-findings';
import { ScanCache } from './scan-cache';
import { scopeNeeds } from './scope-needs';
import { SourceIndex } from './source-index';
import type { ScannerLoader } from './source-scanner';
import { unsavedKey, UnsavedScans, usableUnsavedSources, type UnsavedSource } from './unsaved-sources';

export interface AppAnalysisOptions {
  /** The app's folder under Anvil's data folder, where scan results are kept between runs; null keeps none. */
  cacheFolder?: string | null;
  /** How the parser is loaded when a file must be scanned (tests count the loads). */
  loadScanner?: ScannerLoader;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Manifest intelligence for one open app. Sources are scanned once, then file by file as they
 * change; a keystroke re-analyses only the manifest text against what the sources already said.
 */
export class AppAnalysis {
  private readonly sources: SourceIndex;
  private readonly handlers: HandlerFiles;
  private readonly unsavedScans: UnsavedScans;
  private stopWatching: (() => void) | null = null;
  private ready: Promise<void> | null = null;
  /** The keys each resolver function defines, learnt by running the code as it is now; null once a source changes. */
  private learnedResolvers: ReadonlyMap<string, readonly string[]> | null = null;
  /** Edits the editor asked about; only the newest is analysed to the end. */
  private edits = 0;
  /** The newest edit's analysis while it runs: a request for the same text, sources and schema joins it. */
  private running: { text: string; inputs: string; report: Promise<AnalysisReport> } | null = null;
  /** Changes with what an analysis reads besides the manifest text (a source file, learnt resolver keys). */
  private inputsVersion = 0;
  /** Schema violations by parsed manifest: the parse of an unchanged text is reused, so its validation is too. */
  private readonly schemaOnce: Pick<SchemaValidator, 'isReady' | 'validate'>;

  constructor(
    appFolder: string,
    private readonly schema: SchemaValidator,
    options: AppAnalysisOptions = {},
  ) {
    const validated = new WeakMap<object, Promise<SchemaViolation[]>>();
    this.schemaOnce = {
      isReady: () => schema.isReady(),
      validate: (manifest) => {
        if (manifest === null || typeof manifest !== 'object') return schema.validate(manifest);
        const known = validated.get(manifest);
        if (known) return known;
        const violations = schema.validate(manifest);
        validated.set(manifest, violations);
        // A failed validation (the worker died) is tried again next time.
        violations.catch(() => validated.delete(manifest));
        return violations;
      },
    };
    const cache = options.cacheFolder ? new ScanCache(options.cacheFolder) : null;
    this.sources = new SourceIndex(appFolder, { cache, loadScanner: options.loadScanner });
    this.handlers = new HandlerFiles(appFolder, (file) => this.sources.exportsOf(file));
    this.unsavedScans = new UnsavedScans(this.sources);
  }

  /** Scan every source file (once). */
  start(): Promise<void> {
    this.ready ??= this.sources.scanAll().then(() => this.sources.saveCache());
    return this.ready;
  }

  /**
   * Follow source changes; `onChange` is told which file changed once it is re-scanned. `onOtherPath`
   * hears of every other changed path of the app (not node_modules, dot-folders or build output),
   * which the analysis does not read.
   */
  watch(onChange: (file: string) => void, onOtherPath?: (path: string) => void): void {
    this.stopWatching?.();
    this.stopWatching = this.sources.watch((file) => {
      this.handlers.invalidate(file);
      this.inputsVersion += 1;
      // What the resolvers defined was learnt from the code before this change.
      this.learnedResolvers = null;
      onChange(file);
    }, onOtherPath);
  }

  /**
   * The editor's analysis of the text as typed. Only the newest edit is analysed to the end: an older
   * one still running stops at its next step and fails with `superseded` (its answer would be stale),
   * and a request for the same text as the one running gets that analysis rather than a second one.
   * `unsaved`: the editor's texts of source files not saved yet, which stand in for those files in this
   * analysis only (capped; see `usableUnsavedSources`).
   */
  analyzeEdit(text: string, unsaved: readonly UnsavedSource[] = []): Promise<AnalysisReport> {
    const usable = usableUnsavedSources(unsaved);
    const inputs = `${this.inputsVersion}:${this.schema.isReady()}:${unsavedKey(usable)}`;
    if (this.running && this.running.text === text && this.running.inputs === inputs) return this.running.report;
    const edit = ++this.edits;
    const report = this.analyze(text, { waitForSchema: false, superseded: () => this.edits !== edit, unsaved: usable }).finally(() => {
      if (this.running?.report === report) this.running = null;
    });
    this.running = { text, inputs, report };
    return report;
  }

  /** With `waitForSchema: false` (the editor), schema checks are skipped until the schema is loaded, and a note says so. */
  async analyze(text: string, options: { waitForSchema: boolean; superseded?: () => boolean; unsaved?: ReadonlyMap<string, string> } = { waitForSchema: true }): Promise<AnalysisReport> {
    await this.start();
    this.stopIfSuperseded(options.superseded);
    const started = performance.now();
    const unsaved = options.unsaved ?? new Map<string, string>();
    const handlers = this.unsavedScans.handlers(this.sources.appFolder, this.handlers, unsaved);
    const { parsed, diagnostics } = await checkManifest(text, this.schemaOnce, handlers, options);
    this.stopIfSuperseded(options.superseded);
    // Handler exports learnt for this manifest are kept for the next run too.
    await this.sources.saveCache();
    // A manifest that does not parse declares nothing; comparing code against it would only mislead.
    if (parsed.value === null || typeof parsed.value !== 'object') return this.reportOf(text, diagnostics, started);
    const facts = await this.unsavedScans.overlay(this.sources.facts(), unsaved);
    this.stopIfSuperseded(options.superseded);
    const { needs, unreadable } = scopeNeeds(parsed, facts);
    const scopes = scopeFindings(parsed, needs, unreadable, facts.length > 0);
    const egress = egressFindings(parsed, facts);
    const modules = moduleFindings(parsed, facts);
    const resolvers = resolverFindings(facts, { resolverFunctions: manifestResolverFunctions(parsed.value), learned: this.learnedResolvers });
    const noSources =
      facts.length === 0
        ? [
            manifestDiagnostic(
              'info',
              'sources-not-found',
              'No JavaScript or TypeScript sources were found in the app folder, so unused scopes and egress domains cannot be told apart from used ones.',
              parsed.rangeOf(null),
            ),
          ]
        : [];
    const all = [...diagnostics, ...noSources, ...scopes.diagnostics, ...modules, ...egress.diagnostics, ...resolvers.diagnostics].sort(
      (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
    );
    return {
      revision: revisionOf(text),
      diagnostics: all,
      scopes: { declared: scopes.declared, required: scopes.required, missing: scopes.missing, unused: scopes.unused, rows: scopes.rows },
      egress: { declared: egress.declared, used: egress.used, missing: egress.missing, unused: egress.unused, rows: egress.rows },
      resolvers: resolvers.resolvers,
      filesScanned: facts.length,
      elapsedMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  private stopIfSuperseded(superseded: (() => boolean) | undefined): void {
    if (superseded?.()) throw new AnvilError('superseded', 'A newer edit of the manifest is being analysed instead; this analysis was stopped.');
  }

  private reportOf(text: string, diagnostics: AnalysisReport['diagnostics'], started: number): AnalysisReport {
    return {
      revision: revisionOf(text),
      diagnostics,
      scopes: { declared: [], required: [], missing: [], unused: [], rows: [] },
      egress: { declared: [], used: [], missing: [], unused: [], rows: [] },
      resolvers: { defined: [], invoked: [], invokedButUndefined: [], definedButNotInvoked: [] },
      filesScanned: this.sources.fileCount(),
      elapsedMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  /** Resolver keys the code defines (resolver.define), for running them directly. */
  async resolverKeys(): Promise<string[]> {
    await this.start();
    return [...new Set(this.sources.facts().flatMap((file) => file.resolverDefinitions.map((definition) => definition.key)))].sort();
  }

  /**
   * What running the resolver functions taught Anvil (the keys each defines), used by the next reports
   * until a source file changes; null forgets it. True when it differs from what was known.
   */
  useLearnedResolverKeys(learned: ReadonlyMap<string, readonly string[]> | null): boolean {
    const same = (a: ReadonlyMap<string, readonly string[]> | null, b: ReadonlyMap<string, readonly string[]> | null) =>
      a === b || (a !== null && b !== null && a.size === b.size && [...a].every(([key, keys]) => b.get(key)?.join('\0') === keys.join('\0')));
    if (same(this.learnedResolvers, learned)) return false;
    this.learnedResolvers = learned;
    this.inputsVersion += 1;
    return true;
  }

  close(): void {
    this.stopWatching?.();
    this.stopWatching = null;
  }
}

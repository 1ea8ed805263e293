/**
 * Composition root: builds the services and implements the contract. Both shells (desktop and
 * web) construct exactly one Workbench and only translate between their transport and it.
 */
import type { AnvilCalls } from '../common/api';
import type { AnalysisReport, AppSummary, ConsentBase, ConsentBases, ConsentPreview, FolderChoice, ManifestDocument, ManifestVocabulary, ScopeExplanation, ShellKind, SourceFile, WorkbenchInfo } from '../common/types';
import { AppAnalysis } from './analysis';
import { describeAppFolder, readAppSourceFile } from './app';
import { listBases, previewConsent, saveSnapshot } from './consent';
import { AnvilError } from './contract';
import { commonModuleKeys, ManifestFile, moduleTypes, sharedSchemaValidator } from './manifest';
import { allScopes, explainScope } from './scopes';
import { withRecentApp, type SettingsStore } from './settings';
import { StreamHub } from './stream-hub';

export interface WorkbenchOptions {
  shell: ShellKind;
  version: string;
  settings: SettingsStore;
  /** A native folder picker, where the shell has one. */
  pickFolder?: () => Promise<string | null>;
  /** Anvil's data folder (snapshots of installed versions live under it). */
  dataDir?: string;
}

export class Workbench implements AnvilCalls {
  readonly streams = new StreamHub();
  private app: AppSummary | null = null;
  private manifest: ManifestFile | null = null;
  private analysis: AppAnalysis | null = null;
  private readonly schema = sharedSchemaValidator();

  constructor(private readonly options: WorkbenchOptions) {
    // The schema takes seconds to compile; start now so the first keystroke does not wait for it.
    this.schema.warmUp();
  }

  async getWorkbenchInfo(): Promise<WorkbenchInfo> {
    return { version: this.options.version, shell: this.options.shell, canPickFolder: this.options.pickFolder !== undefined };
  }

  async getCurrentApp(): Promise<AppSummary | null> {
    return this.app;
  }

  async openApp(request: { folder: string }): Promise<AppSummary> {
    const summary = await describeAppFolder(request.folder);
    const manifest = new ManifestFile(summary.folder);
    await manifest.read();
    this.manifest?.unwatch();
    this.analysis?.close();
    this.app = summary;
    this.manifest = manifest;
    manifest.watch((document) => this.streams.publish('manifestChanged', document));
    const analysis = new AppAnalysis(summary.folder, this.schema);
    this.analysis = analysis;
    void analysis.start().then(() => {
      if (this.analysis === analysis) analysis.watch((file) => this.streams.publish('sourcesChanged', { file }));
    });
    this.options.settings.set('recentApps', withRecentApp(this.options.settings.get('recentApps'), summary.folder));
    this.streams.publish('appOpened', summary);
    return summary;
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

  async analyzeManifest(request: { text: string }): Promise<AnalysisReport> {
    if (!this.analysis) throw this.noApp();
    return this.analysis.analyze(request.text);
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

  async previewConsent(request: { text: string; product?: string; environment?: string; base?: ConsentBase }): Promise<ConsentPreview> {
    if (!this.app) throw this.noApp();
    return previewConsent({ appFolder: this.app.folder, manifestText: request.text, product: request.product, environment: request.environment, base: request.base, dataDir: this.options.dataDir });
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

  /** Stop watching files and the schema worker (it starts again if anything still needs it); the shells call this on exit. */
  close(): void {
    this.manifest?.unwatch();
    this.analysis?.close();
    this.schema.close();
  }

  private noApp(): AnvilError {
    return new AnvilError('no-app-open', 'No app is open. Open an app folder first (File → Open app folder).');
  }

  private openManifest(): ManifestFile {
    if (!this.manifest) throw this.noApp();
    return this.manifest;
  }
}

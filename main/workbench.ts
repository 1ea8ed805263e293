/**
 * Composition root: builds the services and implements the contract. Both shells (desktop and
 * web) construct exactly one Workbench and only translate between their transport and it.
 */
import type { AnvilCalls } from '../common/api';
import type { AppSummary, FolderChoice, ManifestDocument, ShellKind, WorkbenchInfo } from '../common/types';
import { describeAppFolder } from './app';
import { AnvilError } from './contract';
import { ManifestFile } from './manifest';
import { withRecentApp, type SettingsStore } from './settings';
import { StreamHub } from './stream-hub';

export interface WorkbenchOptions {
  shell: ShellKind;
  version: string;
  settings: SettingsStore;
  /** A native folder picker, where the shell has one. */
  pickFolder?: () => Promise<string | null>;
}

export class Workbench implements AnvilCalls {
  readonly streams = new StreamHub();
  private app: AppSummary | null = null;
  private manifest: ManifestFile | null = null;

  constructor(private readonly options: WorkbenchOptions) {}

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
    this.app = summary;
    this.manifest = manifest;
    manifest.watch((document) => this.streams.publish('manifestChanged', document));
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

  /** Stop watching files; the shells call this on exit. */
  close(): void {
    this.manifest?.unwatch();
  }

  private openManifest(): ManifestFile {
    if (!this.manifest) throw new AnvilError('no-app-open', 'No app is open. Open an app folder first (File → Open app folder).');
    return this.manifest;
  }
}

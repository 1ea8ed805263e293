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
  | 'io-error'
  | 'unsupported'
  | 'internal';

/** The error shape a failed call carries across the boundary. */
export interface AnvilErrorInfo {
  code: AnvilErrorCode;
  message: string;
}

/** Envelope for one call's outcome, identical over IPC and WebSocket. */
export type CallOutcome<T> = { ok: true; value: T } | { ok: false; error: AnvilErrorInfo };

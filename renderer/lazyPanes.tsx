/**
 * The editor and the panes, each loaded the first time it is drawn: the workbench paints from a small
 * script, Monaco (most of the renderer's bytes) follows, and a pane's code (xterm for the terminals)
 * arrives when its tab is first opened. Same names and props as the components they stand for.
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

function lazyComponent<Props extends object>(load: () => Promise<ComponentType<Props>>, loading: ReactNode): ComponentType<Props> {
  const Loaded = lazy(async () => ({ default: await load() })) as unknown as ComponentType<Props>;
  function LazyComponent(props: Props) {
    return (
      <Suspense fallback={loading}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  return LazyComponent;
}

function paneLoading(name: string): ReactNode {
  return (
    <p className="pane-empty" role="status">
      Loading {name}…
    </p>
  );
}

/** Where Monaco goes, while it loads: the toolbar's file name and a note, so the layout does not jump. */
const editorLoading = (
  <div className="manifest-editor">
    <div className="editor-toolbar">
      <span className="file-name">manifest.yml</span>
    </div>
    <div className="editor-host pane-empty" role="status" data-testid="editor-loading">
      Loading editor…
    </div>
  </div>
);

export const ManifestEditor = lazyComponent(() => import('./features/manifest-editor/ManifestEditor').then((module) => module.ManifestEditor), editorLoading);
export const ConsentPane = lazyComponent(() => import('./features/consent/ConsentPane').then((module) => module.ConsentPane), paneLoading('Consent'));
export const CredentialsPane = lazyComponent(() => import('./features/credentials/CredentialsPane').then((module) => module.CredentialsPane), paneLoading('Credentials'));
export const EnvironmentsPane = lazyComponent(() => import('./features/environments/EnvironmentsPane').then((module) => module.EnvironmentsPane), paneLoading('Environments'));
export const LogsPane = lazyComponent(() => import('./features/logs/LogsPane').then((module) => module.LogsPane), paneLoading('Logs'));
export const RunnerPane = lazyComponent(() => import('./features/runner/RunnerPane').then((module) => module.RunnerPane), paneLoading('Runner'));
export const TerminalPane = lazyComponent(() => import('./features/terminal/TerminalPane').then((module) => module.TerminalPane), paneLoading('Terminal'));
export const TriggersPane = lazyComponent(() => import('./features/triggers/TriggersPane').then((module) => module.TriggersPane), paneLoading('Triggers'));
export const PreviewPane = lazyComponent(() => import('./features/preview/PreviewPane').then((module) => module.PreviewPane), paneLoading('Preview'));
export const CloudPane = lazyComponent(() => import('./features/cloud/CloudPane').then((module) => module.CloudPane), paneLoading('Cloud'));

import { useCallback, useEffect, useState } from 'react';
import type { AnvilBridge } from '../common/api';
import type { AnalysisReport, AppSummary, Environment, WorkbenchInfo } from '../common/types';
import { onBridgeDisconnect } from './bridge';
import { ScopesPane } from './features/scopes/ScopesPane';
// Loaded when first shown, so the workbench paints before Monaco and the other panes arrive.
import { CloudPane, ConsentPane, CredentialsPane, EnvironmentsPane, LogsPane, PreviewPane, RunnerPane, TerminalPane, TriggersPane } from './lazyPanes';
import { CommandPalette, usePaletteShortcut } from './ui/CommandPalette';
import { CommandsProvider } from './ui/commands';
import { OpenAppDialog } from './ui/OpenAppDialog';
import { OpenSourceContext } from './ui/openSource';
import { EditorArea } from './features/files/EditorArea';
import { Explorer, ExplorerIcon } from './features/files/Explorer';
import { useAppFiles } from './features/files/useAppFiles';
import { Tabs } from './ui/Tabs';
import { StatusBar } from './ui/StatusBar';
import { useUnsavedGuard, type UnsavedWork } from './ui/useUnsavedGuard';
import { WorkbenchLayout } from './ui/layout/WorkbenchLayout';
import { SearchView } from './features/code-intel/SearchView';
import { FIND_IN_FILES, SearchIcon } from './features/code-intel/searchSidebar';
import { useColorTheme } from './ui/theme/useColorTheme';
import { useWorkbenchCommands } from './workbenchCommands';
import { NotificationHost } from './ui/notifications/NotificationHost';
import { FirstRunGuide } from './features/first-run/FirstRunGuide';

/** The workbench window: header, manifest editor, the panes beside it, and the status bar. */
export function App({ bridge }: { bridge: AnvilBridge }) {
  // Every pane registers its commands here, for the command palette.
  return (
    <CommandsProvider>
      <Workbench bridge={bridge} />
    </CommandsProvider>
  );
}

/** Puts the focus on the first problem (or brings the list into view when there is none). */
function showProblems() {
  const problems = document.querySelector<HTMLElement>('section.problems');
  problems?.scrollIntoView({ block: 'nearest' });
  problems?.querySelector<HTMLElement>('.problem-place')?.focus();
}

function Workbench({ bridge }: { bridge: AnvilBridge }) {
  const [info, setInfo] = useState<WorkbenchInfo | null>(null);
  const [app, setApp] = useState<AppSummary | null>(null);
  const [environmentKey, setEnvironmentKey] = useState('development');
  const [dialogOpen, setDialogOpen] = useState(false);
  const [disconnected, setDisconnected] = useState(false);
  const [openError, setOpenError] = useState<string | null>(null);
  const [report, setReport] = useState<AnalysisReport | null>(null);
  const [manifestText, setManifestText] = useState<string | null>(null);
  // The app's open editors: the Explorer, code locations in every pane and the editor area share them.
  const appFiles = useAppFiles(bridge, app?.folder ?? null);
  const openSource = useCallback((file: string, line: number) => appFiles.open(file, line), [appFiles]);
  // The desktop window cannot show a page's unload prompt; the web shell's tab can.
  const unsaved = useUnsavedGuard(info !== null);
  const { setUnsaved, confirmLeave } = unsaved;
  const onUnsavedChange = useCallback((work: UnsavedWork | null) => setUnsaved(work), [setUnsaved]);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const colorTheme = useColorTheme();
  const openPalette = useCallback(() => setPaletteOpen(true), []);
  usePaletteShortcut(openPalette);
  const confirmSwitch = useCallback(() => confirmLeave('opening another app'), [confirmLeave]);

  useEffect(() => {
    void bridge.getWorkbenchInfo().then(setInfo);
    void bridge.getCurrentApp().then(setApp);
    const stopFollowing = bridge.subscribe('appOpened', setApp);
    const stopWatchingConnection = onBridgeDisconnect(() => setDisconnected(true));
    return () => {
      stopFollowing();
      stopWatchingConnection();
    };
  }, [bridge]);

  const openAppFolder = async () => {
    setOpenError(null);
    if (!info?.canPickFolder) return setDialogOpen(true);
    const { folder } = await bridge.pickAppFolder();
    if (folder && !(await confirmSwitch())) return;
    if (folder) await bridge.openApp({ folder }).catch((error: unknown) => setOpenError((error as Error).message));
  };

  const environment: Environment = app?.environments.find((candidate) => candidate.key === environmentKey) ?? { key: 'development', kind: 'development' };
  // A deleted custom environment cannot stay selected.
  useEffect(() => {
    if (app && !app.environments.some((candidate) => candidate.key === environmentKey)) setEnvironmentKey('development');
  }, [app, environmentKey]);

  useWorkbenchCommands({
    bridge,
    app,
    environment: environmentKey,
    openApp: () => void openAppFolder(),
    showProblems,
    switchEnvironment: setEnvironmentKey,
  });

  return (
    // Code locations in any pane (stack frames, Scopes rows) open the app's file in an editor tab at the line.
    <OpenSourceContext.Provider value={openSource}>
      <div className="workbench">
        <header className="workbench-header">
          <nav className="menu" aria-label="File">
            <button type="button" onClick={() => void openAppFolder()}>
              Open app folder…
            </button>
          </nav>
          <h1 className="app-name" data-testid="app-name">
            {app?.name ?? 'No app open'}
          </h1>
          {app?.appId ? <span className="app-id">{app.appId}</span> : null}
          {app ? (
            <label className="environment-picker">
              Environment
              <select value={environmentKey} onChange={(event) => setEnvironmentKey(event.target.value)} aria-label="Environment">
                {app.environments.map((candidate) => (
                  <option key={candidate.key} value={candidate.key}>
                    {candidate.key}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <span className="shell-kind">{info ? `Anvil ${info.version} · ${info.shell === 'web' ? 'web' : 'desktop'}` : ''}</span>
        </header>
        {disconnected ? (
          <div className="banner error" role="alert">
            Lost the connection to Anvil. Start it again (npm start) and open the URL it prints.
          </div>
        ) : null}
        {openError ? (
          <div className="banner error" role="alert">
            {openError}
          </div>
        ) : null}
        {app ? (
          <WorkbenchLayout
            key={app.folder}
            onCommandPalette={openPalette}
            sidebarViews={[
              // One entry per view of the sidebar (Explorer, Search…), in the activity bar's order.
              { key: 'explorer', label: 'Explorer', icon: <ExplorerIcon />, shortcut: 'Ctrl+Shift+E', content: <Explorer bridge={bridge} store={appFiles} /> },
              { key: 'search', label: 'Search', icon: <SearchIcon />, shortcut: FIND_IN_FILES, content: <SearchView bridge={bridge} /> },
            ]}
            editor={<EditorArea bridge={bridge} store={appFiles} onReport={setReport} onText={setManifestText} onUnsavedChange={onUnsavedChange} />}
            panel={
              <Tabs
                label="Panes"
                tabs={[
                  { key: 'scopes', label: 'Scopes', content: <ScopesPane report={report} onOpenSource={openSource} /> },
                  { key: 'consent', label: 'Consent', content: <ConsentPane bridge={bridge} text={manifestText} environment={environmentKey} /> },
                  { key: 'runner', label: 'Runner', content: <RunnerPane bridge={bridge} app={app} environment={environmentKey} /> },
                  { key: 'preview', label: 'Preview', content: <PreviewPane bridge={bridge} app={app} environment={environmentKey} /> },
                  { key: 'triggers', label: 'Triggers', content: <TriggersPane bridge={bridge} app={app} environment={environmentKey} /> },
                  { key: 'environments', label: 'Environments', content: <EnvironmentsPane bridge={bridge} app={app} environment={environmentKey} /> },
                  { key: 'logs', label: 'Logs', content: <LogsPane bridge={bridge} environments={app.environments} environment={environment} /> },
                  { key: 'cloud', label: 'Cloud', content: <CloudPane bridge={bridge} /> },
                  { key: 'terminal', label: 'Terminal', content: <TerminalPane bridge={bridge} /> },
                  { key: 'credentials', label: 'Credentials', content: <CredentialsPane bridge={bridge} environment={environmentKey} /> },
                ]}
              />
            }
          />
        ) : (
          <main className="workbench-empty">
            <p>Open a Forge app folder to start.</p>
          </main>
        )}
        <StatusBar bridge={bridge} appName={app?.name ?? null} environment={app ? environmentKey : null} report={app ? report : null} onShowProblems={showProblems} />
        {paletteOpen ? <CommandPalette onClose={() => setPaletteOpen(false)} /> : null}
        {dialogOpen ? <OpenAppDialog bridge={bridge} onClose={() => setDialogOpen(false)} confirmLeave={confirmSwitch} /> : null}
        {unsaved.dialog}
        <NotificationHost />
        <FirstRunGuide app={app} />
        {colorTheme.dialog}
      </div>
    </OpenSourceContext.Provider>
  );
}

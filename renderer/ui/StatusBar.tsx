import { useEffect, useState } from 'react';
import type { AnvilBridge } from '../../common/api';
import type { AnalysisReport, VaultStatus } from '../../common/types';
import { useRunnerRunning } from '../features/runner/runnerActivity';
import { useCommandRegistry } from './commands';
import { TAB_FOCUS_KEY, toggleTabFocusMode, useTabFocusMode } from './layout/tabFocusMode';

interface Props {
  bridge: AnvilBridge;
  appName: string | null;
  environment: string | null;
  /** null while the first analysis of the open app is under way. */
  report: AnalysisReport | null;
  onShowProblems: () => void;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The environment picker in the header: where the environment is changed. */
function focusEnvironmentPicker() {
  document.querySelector<HTMLElement>('.environment-picker select')?.focus();
}

/**
 * The line along the bottom: the app, its environment, the analysis, the runner and the keychain at a
 * glance. Every item is a button in the Tab order that opens where that thing is changed or shown.
 */
export function StatusBar({ bridge, appName, environment, report, onShowProblems }: Props) {
  const running = useRunnerRunning();
  const commands = useCommandRegistry();
  const tabMovesFocus = useTabFocusMode();
  const [vault, setVault] = useState<VaultStatus | null>(null);
  useEffect(() => {
    let current = true;
    void bridge.getVaultStatus().then(
      (status) => current && setVault(status),
      (failure: Error) => current && setVault({ state: 'unavailable', message: failure.message, fix: null }),
    );
    return () => {
      current = false;
    };
  }, [bridge]);

  const count = (severity: string) => report?.diagnostics.filter((diagnostic) => diagnostic.severity === severity).length ?? 0;
  return (
    <footer className="status-bar" role="contentinfo" aria-label="Status">
      <button type="button" className="status-item status-app" title={appName ? `${appName}: open another app folder` : 'Open an app folder'} onClick={() => commands?.run('open-app')}>
        {appName ?? 'No app open'}
      </button>
      {environment ? (
        <button type="button" className="status-item" title="Change the environment" onClick={focusEnvironmentPicker}>
          Environment: {environment}
        </button>
      ) : null}
      {appName ? (
        <button type="button" className="status-item status-problems" onClick={onShowProblems} title="Show Problems">
          {report ? `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info` : 'Analysing…'}
        </button>
      ) : null}
      {appName ? (
        <button type="button" className="status-item" data-testid="status-runner" title="Show Runner" onClick={() => commands?.run('show-runner')}>
          Runner: {running ? 'running' : 'idle'}
        </button>
      ) : (
        <span className="status-item" data-testid="status-runner">
          Runner: {running ? 'running' : 'idle'}
        </span>
      )}
      {tabMovesFocus ? (
        <button
          type="button"
          className="status-item status-tab-focus"
          title={`Tab moves the focus out of the editor; ${TAB_FOCUS_KEY} or a click makes it type a tab again`}
          aria-keyshortcuts="Control+M"
          onClick={toggleTabFocusMode}
        >
          Tab moves focus
        </button>
      ) : null}
      {appName ? (
        <button type="button" className="status-item status-end" title={vault?.message ?? 'Show Credentials'} onClick={() => commands?.run('show-credentials')}>
          Keychain: {vault ? vault.state : '…'}
        </button>
      ) : (
        <span className="status-item status-end" title={vault?.message}>
          Keychain: {vault ? vault.state : '…'}
        </span>
      )}
    </footer>
  );
}

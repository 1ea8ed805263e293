import { useEffect, useState } from 'react';
import type { AnvilBridge } from '../../common/api';
import type { AnalysisReport, VaultStatus } from '../../common/types';
import { useRunnerRunning } from '../features/runner/runnerActivity';

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

/** The line along the bottom: the app, its environment, the analysis, the runner and the keychain at a glance. */
export function StatusBar({ bridge, appName, environment, report, onShowProblems }: Props) {
  const running = useRunnerRunning();
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
      <span className="status-item status-app" title={appName ?? undefined}>
        {appName ?? 'No app open'}
      </span>
      {environment ? <span className="status-item">Environment: {environment}</span> : null}
      {appName ? (
        <button type="button" className="status-item status-problems" onClick={onShowProblems} title="Show Problems">
          {report ? `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info` : 'Analysing…'}
        </button>
      ) : null}
      <span className="status-item" data-testid="status-runner">
        Runner: {running ? 'running' : 'idle'}
      </span>
      <span className="status-item status-end" title={vault?.message}>
        Keychain: {vault ? vault.state : '…'}
      </span>
    </footer>
  );
}

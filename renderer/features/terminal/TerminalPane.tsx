import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import { PaneGuide } from '../first-run/PaneGuide';
import { ForgeRunView } from './ForgeRunView';
import { showForgeRun, useForgeRuns } from './forgeRuns';

/**
 * A shell in the app folder (node-pty in the core). With "my Forge login" it has FORGE_EMAIL and FORGE_API_TOKEN; otherwise no credentials.
 * Runs of the Forge CLI started elsewhere (Deploy to Forge) are listed beside the shell, each in a view of its own.
 */
export function TerminalPane({ bridge }: { bridge: AnvilBridge }) {
  const host = useRef<HTMLDivElement>(null);
  const forge = useForgeRuns();
  const shownRun = forge.runs.find((run) => run.terminalId === forge.shown) ?? null;
  const [terminalId, setTerminalId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exited, setExited] = useState<number | null>(null);

  useEffect(() => {
    if (!terminalId || !host.current) return;
    const terminal = new Terminal({ fontSize: 12, theme: { background: '#1b1c1f' }, scrollback: 5000 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host.current);
    const resize = () => {
      if (!host.current || host.current.offsetWidth === 0) return;
      fit.fit();
      void bridge.resizeTerminal({ terminalId, cols: Math.max(10, terminal.cols), rows: Math.max(2, terminal.rows) }).catch(() => undefined);
    };
    const observer = new ResizeObserver(resize);
    observer.observe(host.current);
    const input = terminal.onData((data) => void bridge.writeTerminal({ terminalId, data }).catch(() => undefined));
    const stopOutput = bridge.subscribe('terminalOutput', (event) => {
      if (event.terminalId === terminalId) terminal.write(event.data);
    });
    const stopExit = bridge.subscribe('terminalExit', (event) => {
      if (event.terminalId === terminalId) setExited(event.exitCode);
    });
    terminal.focus();
    return () => {
      observer.disconnect();
      input.dispose();
      stopOutput();
      stopExit();
      terminal.dispose();
      void bridge.closeTerminal({ terminalId }).catch(() => undefined);
    };
  }, [bridge, terminalId]);

  const open = async (withForgeLogin: boolean) => {
    showForgeRun(null);
    setError(null);
    setExited(null);
    try {
      setTerminalId((await bridge.openTerminal({ withForgeLogin, cols: 100, rows: 30 })).terminalId);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <div className="terminal-pane">
      <div className="terminal-controls">
        <button type="button" onClick={() => void open(false)}>
          New terminal
        </button>
        <button type="button" onClick={() => void open(true)}>
          New terminal with my Forge login
        </button>
        {exited !== null ? <span className="muted">The shell exited ({exited}).</span> : null}
        {error ? (
          <span className="error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
      {forge.runs.length > 0 ? (
        <div className="terminal-views" role="group" aria-label="Terminal views">
          <button type="button" aria-pressed={shownRun === null} onClick={() => showForgeRun(null)}>
            Shell
          </button>
          {forge.runs.map((run) => (
            <button key={run.terminalId} type="button" aria-pressed={run === shownRun} onClick={() => showForgeRun(run.terminalId)}>
              {run.title} {run.exitCode === null ? '(running)' : run.exitCode === 0 ? '✓' : '✗'}
            </button>
          ))}
        </div>
      ) : null}
      {shownRun ? <ForgeRunView key={shownRun.terminalId} bridge={bridge} run={shownRun} /> : null}
      {terminalId === null && !shownRun ? (
        <PaneGuide title="No terminal open">
          <p>A terminal is a shell in the app folder: run npm install, git, or the Forge CLI (forge deploy, forge tunnel) without leaving Anvil.</p>
          <ul>
            <li>
              <strong>New terminal</strong> carries no Forge credentials: nothing you run there can act as you on Atlassian.
            </li>
            <li>
              <strong>New terminal with my Forge login</strong> adds FORGE_EMAIL and FORGE_API_TOKEN from your keychain (store them in the Credentials pane first).
            </li>
          </ul>
        </PaneGuide>
      ) : null}
      {/* Hidden, not unmounted, while a run is shown: the shell keeps running and keeps its screen. */}
      <div className="terminal-host" ref={host} data-testid="terminal" key={terminalId ?? 'none'} hidden={shownRun !== null} />
    </div>
  );
}

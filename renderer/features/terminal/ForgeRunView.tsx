import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef } from 'react';
import type { AnvilBridge } from '../../../common/api';
import { cliErrorLines, forgeRun, onForgeRunOutput, type ForgeRun } from './forgeRuns';

/** One Forge CLI run: its output as the CLI printed it (read-only), its exit status and error lines. */
export function ForgeRunView({ bridge, run }: { bridge: AnvilBridge; run: ForgeRun }) {
  const host = useRef<HTMLDivElement>(null);
  const { terminalId } = run;

  useEffect(() => {
    if (!host.current) return;
    const terminal = new Terminal({ fontSize: 12, theme: { background: '#1b1c1f' }, scrollback: 5000, disableStdin: true, convertEol: true });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host.current);
    terminal.write(forgeRun(terminalId)?.output ?? '');
    const stop = onForgeRunOutput(terminalId, (data) => terminal.write(data));
    const resize = () => {
      if (!host.current || host.current.offsetWidth === 0) return;
      fit.fit();
      // A run that has ended has no terminal in the core any more: nothing to resize.
      if (forgeRun(terminalId)?.exitCode === null) void bridge.resizeTerminal({ terminalId, cols: Math.max(10, terminal.cols), rows: Math.max(2, terminal.rows) }).catch(() => undefined);
    };
    const observer = new ResizeObserver(resize);
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      stop();
      terminal.dispose();
    };
  }, [bridge, terminalId]);

  const errors = run.exitCode !== null && run.exitCode !== 0 ? cliErrorLines(run.output) : [];
  return (
    <section className="forge-run" aria-label={`Run: ${run.title}`}>
      <div className="forge-run-header">
        <code>{run.commandLine}</code>
        <span role="status" className={run.exitCode === null ? 'muted' : run.exitCode === 0 ? 'forge-run-ok' : 'error'}>
          {run.exitCode === null ? 'Running…' : run.exitCode === 0 ? 'Finished (exit status 0).' : `Failed (exit status ${run.exitCode}).`}
        </span>
        {run.exitCode === null ? (
          <button type="button" onClick={() => void bridge.closeTerminal({ terminalId }).catch(() => undefined)}>
            Stop
          </button>
        ) : null}
      </div>
      {errors.length > 0 ? (
        <ul className="forge-run-errors error" aria-label="Forge CLI errors">
          {errors.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      ) : null}
      <div className="terminal-host" ref={host} data-testid="forge-run-output" />
    </section>
  );
}

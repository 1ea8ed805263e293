import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { AppSummary } from '../../../common/types';
import { visibleText } from '../../../common/terminal-text';
import { runnerLine } from './runnerLine';

/** The runner's output in the style of the Forge tunnel: `LEVEL HH:MM:SS.mmm invocationId message`, coloured. */
export function RunnerTerminal({ app, bridge }: { app: AppSummary; bridge: AnvilBridge }) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!host.current) return;
    const terminal = new Terminal({ convertEol: true, fontSize: 12, theme: { background: '#1b1c1f' }, disableStdin: true, scrollback: 5000 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host.current);
    const resize = new ResizeObserver(() => {
      if (host.current && host.current.offsetWidth > 0) fit.fit();
    });
    resize.observe(host.current);
    terminal.writeln(`\x1b[1mAnvil runner\x1b[0m — ${visibleText(app.name)}`);
    terminal.writeln(`\x1b[2m${visibleText(app.folder)}\x1b[0m`);
    const stop = bridge.subscribe('runnerLog', (line) => {
      const time = new Date().toISOString().slice(11, 23);
      terminal.writeln(runnerLine(line, time));
    });
    return () => {
      stop();
      resize.disconnect();
      terminal.dispose();
    };
  }, [app.folder, app.name, bridge]);

  return <div className="terminal-host runner-output" ref={host} data-testid="runner-terminal" />;
}

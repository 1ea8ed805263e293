import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import type { AppSummary } from '../../../common/types';

/** The runner's terminal (xterm). Invocation output streams here once functions run locally. */
export function RunnerTerminal({ app }: { app: AppSummary }) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!host.current) return;
    const terminal = new Terminal({ convertEol: true, fontSize: 12, theme: { background: '#1b1c1f' }, disableStdin: true });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host.current);
    const resize = new ResizeObserver(() => {
      if (host.current && host.current.offsetWidth > 0) fit.fit();
    });
    resize.observe(host.current);
    terminal.writeln(`\x1b[1mAnvil runner\x1b[0m — ${app.name}`);
    terminal.writeln(`\x1b[2m${app.folder}\x1b[0m`);
    terminal.writeln('No invocations yet.');
    return () => {
      resize.disconnect();
      terminal.dispose();
    };
  }, [app.folder, app.name]);

  return <div className="terminal-host" ref={host} data-testid="runner-terminal" />;
}

import { useEffect } from 'react';

/**
 * What the command palette asked the Environments pane's Forge section to do ("Forge: Deploy to
 * staging"). The ask waits here until a section for that environment is on the page, because the
 * pane loads on first show and the palette may have just switched the environment.
 */
export interface ForgeAsk {
  action: 'deploy' | 'install-upgrade';
  environment: string;
}

let asked: ForgeAsk | null = null;
const listeners = new Set<() => void>();

export function askForge(ask: ForgeAsk): void {
  asked = ask;
  listeners.forEach((listener) => listener());
}

/** Hands each ask for `environment` to its section once. */
export function useForgeAsks(environment: string, onAsk: (ask: ForgeAsk) => void): void {
  useEffect(() => {
    const take = () => {
      if (asked === null || asked.environment !== environment) return;
      const ask = asked;
      asked = null;
      onAsk(ask);
    };
    take();
    listeners.add(take);
    return () => {
      listeners.delete(take);
    };
  }, [environment, onAsk]);
}

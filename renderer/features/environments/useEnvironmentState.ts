import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { AppSummary, EnvironmentState } from '../../../common/types';

/**
 * The selected environment's state, loaded from the core and replaced by each call's answer.
 * Answers for an environment that is no longer selected are dropped, so a slow call cannot show
 * one environment's versions under another's name.
 */
export function useEnvironmentState(bridge: AnvilBridge, environment: string | null, app: AppSummary) {
  const [state, setState] = useState<EnvironmentState | null>(null);
  const [error, setError] = useState<{ environment: string; message: string } | null>(null);
  const selected = useRef(environment);

  const apply = useCallback((next: EnvironmentState) => {
    if (next.environment.key !== selected.current) return;
    setState(next);
    setError(null);
  }, []);

  const reload = useCallback(() => {
    if (!environment) return;
    void bridge.getEnvironmentState({ environment }).then(apply, (failure: Error) => {
      if (environment === selected.current) setError({ environment, message: failure.message });
    });
  }, [bridge, environment, apply]);

  // `app` changes when the core re-sends it (environments created or deleted): reload then too.
  useEffect(() => {
    selected.current = environment;
    reload();
  }, [reload, environment, app]);

  return {
    state: state && state.environment.key === environment ? state : null,
    error: error && error.environment === environment ? error.message : null,
    apply,
    reload,
  };
}

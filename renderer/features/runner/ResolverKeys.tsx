import { useEffect } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { RunnableFunctions } from '../../../common/types';

/** Quick saves of several files make one new list. */
const RELIST_AFTER_MS = 300;

/**
 * Lists what can run again whenever a source file or the manifest changes: the keys a resolver
 * defines are learnt from its code, so an edit may add or remove some. The chosen target and payload
 * stay as they are.
 */
export function useRelistOnChange(bridge: AnvilBridge, environment: string, onList: (next: RunnableFunctions) => void): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const relist = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void bridge.listRunnableFunctions({ environment }).then(onList, () => undefined), RELIST_AFTER_MS);
    };
    const stops = [bridge.subscribe('sourcesChanged', relist), bridge.subscribe('manifestChanged', relist)];
    return () => {
      if (timer) clearTimeout(timer);
      stops.forEach((stop) => stop());
    };
  }, [bridge, environment, onList]);
}

/**
 * The resolver keys the runner accepts, as options of the Function picker: each defined by the
 * resolver function of some module, learnt by running it. With several resolver functions, each key
 * says which one runs it.
 */
export function ResolverKeyOptions({ runnable }: { runnable: RunnableFunctions }) {
  const { resolvers } = runnable;
  if (resolvers.length === 0) return null;
  const several = new Set(resolvers.map((resolver) => resolver.functionKey)).size > 1;
  return (
    <optgroup label="Resolver keys">
      {resolvers.map((resolver) => (
        <option key={`r-${resolver.key}`} value={resolver.key}>
          {resolver.key}
          {several ? ` (in ${resolver.functionKey})` : ''}
        </option>
      ))}
    </optgroup>
  );
}

/** Keys the code names that no module reaches (so they are not offered), and what Anvil could not learn. */
export function ResolverKeyNotes({ runnable }: { runnable: RunnableFunctions }) {
  const { unreachedResolverKeys, notes } = runnable;
  if (unreachedResolverKeys.length === 0 && notes.length === 0) return null;
  return (
    <ul className="runner-notes muted" aria-label="Resolver key notes">
      {unreachedResolverKeys.map((unreached) => (
        <li key={`u-${unreached.key}`}>
          Not offered: <code>{unreached.key}</code>: {unreached.reason}.
        </li>
      ))}
      {notes.map((note, index) => (
        <li key={`n-${index}`}>{note}</li>
      ))}
    </ul>
  );
}

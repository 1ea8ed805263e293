import { createContext, useContext } from 'react';

/** Opens the panel when it is collapsed, so "Show Runner" and the like are seen. */
export const PanelRevealContext = createContext<() => void>(() => {});

export function useRevealPanel(): () => void {
  return useContext(PanelRevealContext);
}

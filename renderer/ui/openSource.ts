import { createContext, useContext } from 'react';

/** Opens one of the app's files in the source viewer at a line; null where no viewer is at hand. */
export type OpenSource = (file: string, line: number) => void;

export const OpenSourceContext = createContext<OpenSource | null>(null);

export function useOpenSource(): OpenSource | null {
  return useContext(OpenSourceContext);
}

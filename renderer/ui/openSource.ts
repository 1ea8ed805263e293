import { createContext, useContext } from 'react';

/** Opens one of the app's files in an editor tab at a line (manifest.yml included); null where no editor is at hand. */
export type OpenSource = (file: string, line: number) => void;

export const OpenSourceContext = createContext<OpenSource | null>(null);

export function useOpenSource(): OpenSource | null {
  return useContext(OpenSourceContext);
}

import { useEffect, useRef, type RefObject } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { AnalysisReport } from '../../../common/types';
import type { monaco } from '../manifest-editor/monaco-setup';
import { codeIntelCalls } from './calls';
import { registerCodeIntel, showCodeFindings } from './codeIntel';

interface Options {
  bridge: AnvilBridge;
  /** The manifest's editor, once it exists (`ready`). */
  editor: RefObject<monaco.editor.IStandaloneCodeEditor | null>;
  ready: boolean;
  report: AnalysisReport | null;
  openSource: (file: string, line: number) => void;
}

/** Code intelligence for as long as the manifest editor is on the page: findings in the code, quick fixes there, handler links. */
export function useCodeIntel({ bridge, editor, ready, report, openSource }: Options): void {
  const open = useRef(openSource);
  open.current = openSource;
  useEffect(() => {
    const manifest = editor.current?.getModel();
    if (!ready || !manifest) return;
    return registerCodeIntel({ calls: codeIntelCalls(bridge), manifest, openSource: (file, line) => open.current(file, line) });
  }, [bridge, editor, ready]);

  useEffect(() => {
    showCodeFindings(report);
  }, [report]);
  useEffect(() => {
    return () => showCodeFindings(null);
  }, []);
}

import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { AnalysisReport } from '../../../common/types';
import { useNewestAnswer } from '../../ui/useNewestAnswer';
import { oversizeReport } from './oversizeReport';

// Long enough to coalesce a burst of keystrokes, short enough to feel live.
const ANALYSIS_DELAY_MS = 120;

/**
 * Analyse the editor's text as the developer types (not only on save), and again whenever a
 * source file changes. One analysis at a time, of the newest text; an answer to older text is never shown.
 */
export function useAnalysis(bridge: AnvilBridge, text: string | null): { report: AnalysisReport | null; error: string | null } {
  const [sourcesVersion, setSourcesVersion] = useState(0);

  useEffect(() => {
    const refresh = () => setSourcesVersion((version) => version + 1);
    const stopSources = bridge.subscribe('sourcesChanged', refresh);
    const stopOutdated = bridge.subscribe('analysisOutdated', refresh);
    return () => {
      stopSources();
      stopOutdated();
    };
  }, [bridge]);

  const filesScanned = useRef(0);
  // A new question for each text and each change of the sources. A text over the platform's limit is
  // answered here (the core would only refuse it), after the same pause, so typing never counts megabytes.
  const ask = useMemo(
    () => (text === null ? null : () => {
      const oversize = oversizeReport(text, filesScanned.current);
      return oversize ? Promise.resolve(oversize) : bridge.analyzeManifest({ text });
    }),
    [bridge, text, sourcesVersion],
  );
  const { answer, error } = useNewestAnswer(ask, ANALYSIS_DELAY_MS);
  if (answer) filesScanned.current = answer.filesScanned;
  return { report: answer, error: error === null ? null : `Analysis failed: ${error}` };
}

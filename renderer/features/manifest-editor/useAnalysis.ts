import { useEffect, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { AnalysisReport } from '../../../common/types';

// Long enough to coalesce a burst of keystrokes, short enough to feel live.
const ANALYSIS_DELAY_MS = 120;

/**
 * Analyse the editor's text as the developer types (not only on save), and again whenever a
 * source file changes. Only the latest request's answer is kept, so a slow answer never wins over a newer one.
 */
export function useAnalysis(bridge: AnvilBridge, text: string | null): { report: AnalysisReport | null; error: string | null } {
  const [report, setReport] = useState<AnalysisReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sourcesVersion, setSourcesVersion] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const refresh = () => setSourcesVersion((version) => version + 1);
    const stopSources = bridge.subscribe('sourcesChanged', refresh);
    const stopOutdated = bridge.subscribe('analysisOutdated', refresh);
    return () => {
      stopSources();
      stopOutdated();
    };
  }, [bridge]);

  useEffect(() => {
    if (text === null) return;
    const request = ++latest.current;
    const timer = setTimeout(() => {
      bridge.analyzeManifest({ text }).then(
        (next) => {
          if (request !== latest.current) return;
          setReport(next);
          setError(null);
        },
        (failure: Error) => {
          if (request === latest.current) setError(`Analysis failed: ${failure.message}`);
        },
      );
    }, ANALYSIS_DELAY_MS);
    return () => clearTimeout(timer);
  }, [bridge, text, sourcesVersion]);

  return { report, error };
}

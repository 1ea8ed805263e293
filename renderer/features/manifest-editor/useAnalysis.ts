import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import { PLATFORM_MANIFEST_LIMIT_BYTES } from '../../../common/manifest-size';
import type { AnalysisReport } from '../../../common/types';
import { useNewestAnswer } from '../../ui/useNewestAnswer';
import { unsavedSources, useSourceBuffersVersion } from '../code-intel/appModels';
import { oversizeReport } from './oversizeReport';

// A text that cannot be over the platform's limit (a third of it in UTF-16 units, 3 bytes each at most)
// is sent at once: the core answers in about a millisecond, and one question at a time, the newest
// waiting, already coalesces a burst of keystrokes. A longer one waits for a pause, so typing never counts megabytes.
const LONG_TEXT_UNITS = PLATFORM_MANIFEST_LIMIT_BYTES / 3;
const LONG_TEXT_DELAY_MS = 120;

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

  // Edits to the app's source files count before they are saved: each one is a new question too.
  const buffersVersion = useSourceBuffersVersion();

  const filesScanned = useRef(0);
  // A new question for each text and each change of the sources. A text over the platform's limit is
  // answered here (the core would only refuse it), after a pause, so typing never counts megabytes.
  const ask = useMemo(
    () =>
      text === null
        ? null
        : () => {
            const oversize = oversizeReport(text, filesScanned.current);
            if (oversize) return Promise.resolve(oversize);
            // Read when sent, not when asked: the newest buffers go with the newest manifest text.
            const sources = unsavedSources();
            const request = sources.length > 0 ? { text, unsavedSources: sources } : { text };
            return bridge.analyzeManifest(request);
          },
    // A changed source file or editor buffer asks again for the same manifest text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [bridge, text, sourcesVersion, buffersVersion],
  );
  const { answer, error } = useNewestAnswer(ask, text !== null && text.length > LONG_TEXT_UNITS ? LONG_TEXT_DELAY_MS : 0);
  if (answer) filesScanned.current = answer.filesScanned;
  return { report: answer, error: error === null ? null : `Analysis failed: ${error}` };
}

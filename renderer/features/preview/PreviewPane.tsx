import { useEffect, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { AppSummary, CspViolation, PreviewModule, PreviewSession } from '../../../common/types';
import { jsonObjectText } from '../../ui/jsonObjectText';
import { PREVIEW_SANDBOX, relayBridgeCalls } from './bridge-relay';

/** A Custom UI module's page in the platform's sandbox and CSP, its bridge calls answered by the local runner. */
export function PreviewPane({ bridge, app, environment }: { bridge: AnvilBridge; app: AppSummary; environment: string }) {
  const [modules, setModules] = useState<PreviewModule[]>([]);
  const [moduleKey, setModuleKey] = useState('');
  const [context, setContext] = useState('{}');
  const [session, setSession] = useState<PreviewSession | null>(null);
  const [violations, setViolations] = useState<CspViolation[]>([]);
  const [calls, setCalls] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    void bridge.listPreviewModules().then(
      (next) => {
        setModules(next);
        setModuleKey((current) => current || next.find((module) => module.kind === 'custom-ui')?.moduleKey || next[0]?.moduleKey || '');
      },
      (failure: Error) => setError(failure.message),
    );
  }, [bridge, app.folder]);

  useEffect(() => {
    return bridge.subscribe('previewViolation', (violation) => setViolations((list) => (session && violation.previewId === session.previewId ? [...list.slice(-49), violation] : list)));
  }, [bridge, session]);

  useEffect(() => {
    return bridge.subscribe('previewChanged', (change) => {
      if (session && change.previewId === session.previewId) {
        setViolations([]);
        setReloads((count) => count + 1);
      }
    });
  }, [bridge, session]);

  useEffect(() => {
    if (!session || !frame.current) return undefined;
    return relayBridgeCalls(bridge, frame.current, session, (line) => setCalls((list) => [...list.slice(-49), line]));
  }, [bridge, session, reloads]);

  const open = async () => {
    setError(null);
    setViolations([]);
    setCalls([]);
    const parsed = jsonObjectText(context, 'context');
    if (!parsed.ok) {
      setError(parsed.problem);
      return;
    }
    try {
      setSession(await bridge.openPreview({ moduleKey, environment, context: parsed.value }));
    } catch (failure) {
      setSession(null);
      setError((failure as Error).message);
    }
  };

  const selected = modules.find((module) => module.moduleKey === moduleKey);
  return (
    <div className="preview-pane" role="region" aria-label="Preview">
      <div className="runner-controls">
        <label>
          Module
          <select aria-label="Preview module" value={moduleKey} onChange={(event) => setModuleKey(event.target.value)}>
            {modules.map((module) => (
              <option key={module.moduleKey} value={module.moduleKey}>
                {module.moduleKey} ({module.moduleType}, {module.kind === 'custom-ui' ? 'Custom UI' : 'UI Kit'})
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void open()} disabled={!selected || selected.kind !== 'custom-ui'}>
          {session ? 'Reload preview' : 'Open preview'}
        </button>
        <span className="muted">in {environment}</span>
      </div>
      {selected?.kind === 'ui-kit' ? (
        <p className="muted" role="note">
          {selected.moduleKey} is UI Kit (<code>render: native</code>): the platform renders it, so Anvil cannot show it here. Its resolver calls run in the Runner pane, with their results and calls.
        </p>
      ) : null}
      <label className="runner-payload">
        Context (JSON, merged into what <code>view.getContext()</code> returns, e.g. {'{"extension": {"project": {"key": "OPS"}}}'})
        <textarea aria-label="Preview context" value={context} onChange={(event) => setContext(event.target.value)} rows={2} spellCheck={false} />
      </label>
      {error ? (
        <div className="banner error" role="alert">
          {error}
        </div>
      ) : null}
      {session ? (
        <iframe
          ref={frame}
          key={`${session.previewId}-${reloads}`}
          title={`Preview of ${session.moduleKey}`}
          className="preview-frame"
          src={session.url}
          sandbox={PREVIEW_SANDBOX}
          referrerPolicy="no-referrer"
        />
      ) : null}
      <section aria-label="CSP violations">
        <h3>Blocked by the Content-Security-Policy</h3>
        {violations.length === 0 ? <p className="muted">Nothing blocked so far.</p> : null}
        <ul className="run-calls">
          {violations.map((violation, index) => (
            <li key={index} className="refused">
              <strong>{violation.directive}</strong> <code>{violation.blockedUri}</code>
              {violation.sourceFile ? ` (${violation.sourceFile}${violation.line ? `:${violation.line}` : ''})` : ''} — {violation.explanation}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Bridge calls">
        <h3>Bridge calls</h3>
        <ol className="preview-calls">
          {calls.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ol>
      </section>
    </div>
  );
}

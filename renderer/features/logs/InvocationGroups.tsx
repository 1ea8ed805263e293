import { useEffect, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { InvocationSummary, LogQuery } from '../../../common/types';
import { clock, duration, levelCounts } from './format';
import { InvocationTimeline } from './InvocationTimeline';

/** The filtered lines grouped by invocation, newest first; expanding one shows its timeline. */
export function InvocationGroups({ bridge, query, refresh, onOnlyInvocation }: { bridge: AnvilBridge; query: LogQuery; refresh: number; onOnlyInvocation: (invocationId: string) => void }) {
  const [invocations, setInvocations] = useState<InvocationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    let current = true;
    void bridge.listInvocations(query).then(
      (next) => {
        if (!current) return;
        setInvocations(next.slice().sort((a, b) => b.startedAt - a.startedAt));
        setError(null);
      },
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
    // `query` is read through queryKey: a new but equal object must not re-fetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bridge, queryKey, refresh]);

  const toggle = (invocationId: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(invocationId)) next.add(invocationId);
      return next;
    });

  if (error)
    return (
      <p className="banner error" role="alert">
        The invocations of {query.environment} could not be listed: {error}
      </p>
    );
  if (!invocations) return <p className="muted">Loading invocations…</p>;
  if (invocations.length === 0) return <p className="muted">No invocations in {query.environment} match these filters. Run a function in the Runner pane, or clear the filters.</p>;
  return (
    <ul className="invocation-groups" aria-label="Invocations">
      {invocations.map((invocation) => {
        const expanded = open.has(invocation.invocationId);
        const status = invocation.status ?? 'running';
        return (
          <li key={invocation.invocationId} className="invocation-group">
            <button type="button" className="invocation-summary" aria-expanded={expanded} onClick={() => toggle(invocation.invocationId)}>
              <span className="log-time">{clock(invocation.startedAt)}</span>
              <span className={`run-status status-${status}`}>{status}</span>
              <strong>{invocation.functionKey ?? 'unknown function'}</strong>
              <span className="muted">
                {invocation.moduleKey ?? 'no module'} · {invocation.installation ?? 'no installation'}
              </span>
              <span>{duration(invocation.durationMs)}</span>
              <span className="muted">{levelCounts(invocation.lineCounts) || 'no lines'}</span>
            </button>
            {invocation.error ? <p className="error">{invocation.error}</p> : null}
            {expanded ? <InvocationTimeline bridge={bridge} invocationId={invocation.invocationId} refresh={refresh} onOnlyInvocation={onOnlyInvocation} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

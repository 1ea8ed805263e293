import { useEffect, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { InvocationTimeline as Timeline } from '../../../common/types';
import { StackText } from '../../ui/StackText';
import { clock, duration, plural } from './format';
import { DROPPED_STYLE, PlatformDropMark, platformClass } from './platformDrop';

/** One invocation from start to end: its lines, the calls it made (allowed or refused, and why), its result. */
export function InvocationTimeline({
  bridge,
  invocationId,
  refresh,
  onOnlyInvocation,
}: {
  bridge: AnvilBridge;
  invocationId: string;
  refresh: number;
  onOnlyInvocation: (invocationId: string) => void;
}) {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void bridge.getInvocationTimeline({ invocationId }).then(
      (next) => current && setTimeline(next),
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
    // `refresh` changes when lines arrive: a running invocation's timeline grows.
  }, [bridge, invocationId, refresh]);

  if (error)
    return (
      <p className="error" role="alert">
        The timeline of {invocationId} could not be read: {error}
      </p>
    );
  if (!timeline) return <p className="muted">Loading the timeline…</p>;
  const { summary } = timeline;
  const lines = timeline.lines.slice().sort((a, b) => a.ts - b.ts || a.id - b.id);
  return (
    <div className="invocation-timeline">
      <ol className="timeline" aria-label="Timeline">
        <li className="timeline-start">
          <span className="log-time">{clock(summary.startedAt)}</span> started {summary.functionKey ?? 'an unknown function'}
          {summary.moduleKey ? ` for ${summary.moduleKey}` : ''} on {summary.installation ?? 'an unknown installation'} <code className="muted invocation-id">{summary.invocationId}</code>
        </li>
        {lines.map((line) => (
          <li key={line.id} className={`timeline-line level-${line.level}${platformClass(line)}`} style={line.platformDrop ? DROPPED_STYLE : undefined}>
            <span className="log-time">+{Math.max(0, line.ts - summary.startedAt)} ms</span> <span className="log-level">{line.level}</span> <PlatformDropMark line={line} />
            {line.message}
          </li>
        ))}
        {timeline.withheld > 0 ? (
          <li className="muted">
            {plural(timeline.withheld, 'line')} withheld: log access is off for {summary.installation ?? 'that installation'}
          </li>
        ) : null}
        {timeline.calls.map((call, index) => (
          <li key={index} className={`timeline-call ${call.allowed ? 'allowed' : 'refused'}`}>
            <strong>{call.allowed ? 'allowed' : 'refused'}</strong> {call.kind} {call.method} <code>{call.target}</code> — {call.reason}
          </li>
        ))}
        <li className="timeline-result">
          <span className={`run-status status-${summary.status ?? 'running'}`}>{summary.status ?? 'running'}</span>
          {summary.error ? <StackText className="error" text={summary.error} /> : null}
          {timeline.result !== undefined && timeline.result !== null ? <pre className="run-result">{JSON.stringify(timeline.result, null, 2)}</pre> : null}
        </li>
        <li className="timeline-end">{summary.durationMs === null ? 'Still running' : `Finished after ${duration(summary.durationMs)}`}</li>
      </ol>
      <button type="button" className="link" onClick={() => onOnlyInvocation(summary.invocationId)}>
        Show only these lines
      </button>
    </div>
  );
}

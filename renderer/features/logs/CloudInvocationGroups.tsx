import { useMemo, useState } from 'react';
import type { LogLine } from '../../../common/types';
import { groupCloudInvocations } from './cloudFollow';
import { clock, levelCounts, plural } from './format';

/**
 * The environment's cloud lines grouped by invocation, newest first. The platform reports lines only
 * (no start, end or result), so a group is its lines, their levels and the app version that wrote them.
 */
export function CloudInvocationGroups({ lines, environment, onOnlyInvocation }: { lines: readonly LogLine[]; environment: string; onOnlyInvocation: (invocationId: string) => void }) {
  const invocations = useMemo(() => groupCloudInvocations(lines), [lines]);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (invocationId: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(invocationId)) next.add(invocationId);
      return next;
    });

  if (invocations.length === 0) return <p className="muted">No invocations in {environment} match these filters. Follow cloud logs, or clear the filters.</p>;
  return (
    <ul className="invocation-groups" aria-label="Invocations">
      {invocations.map((invocation) => {
        const expanded = open.has(invocation.invocationId);
        return (
          <li key={invocation.invocationId} className="invocation-group">
            <button type="button" className="invocation-summary" aria-expanded={expanded} onClick={() => toggle(invocation.invocationId)}>
              <span className="log-time">{clock(invocation.firstTs)}</span>
              <span className="log-cloud-mark">{invocation.appVersion ? `cloud · ${invocation.appVersion}` : 'cloud'}</span>
              <strong>{invocation.functionKey ?? 'unknown function'}</strong>
              <span className="muted">{plural(invocation.lines.length, 'line')}</span>
              <span className="muted">{levelCounts(invocation.lineCounts)}</span>
            </button>
            {expanded ? (
              <div className="invocation-timeline">
                <ol className="timeline" aria-label="Timeline">
                  <li className="timeline-start">
                    <span className="log-time">{clock(invocation.firstTs)}</span> first line of {invocation.functionKey ?? 'an unknown function'}{' '}
                    <code className="muted invocation-id">{invocation.invocationId}</code>
                  </li>
                  {invocation.lines.map((line) => (
                    <li key={line.id} className={`timeline-line level-${line.level}`}>
                      <span className="log-time">+{Math.max(0, line.ts - invocation.firstTs)} ms</span> <span className="log-level">{line.level}</span> {line.message}
                    </li>
                  ))}
                </ol>
                <button type="button" className="link" onClick={() => onOnlyInvocation(invocation.invocationId)}>
                  Show only these lines
                </button>
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

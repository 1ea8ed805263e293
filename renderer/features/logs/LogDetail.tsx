import type { LogLine } from '../../../common/types';
import { StackText } from '../../ui/StackText';

/** Every structured field of one line, as stored (the list shows only a few). */
export function LogDetail({ line, onClose, onOnlyInvocation }: { line: LogLine; onClose: () => void; onOnlyInvocation: (invocationId: string) => void }) {
  const fields: [string, string][] = [
    ['Id', String(line.id)],
    ['Time', new Date(line.ts).toISOString()],
    ['Environment', line.environment],
    ['Level', line.level],
    ['Invocation', line.invocationId ?? '—'],
    ['Function', line.functionKey ?? '—'],
    ['Module', line.moduleKey ?? '—'],
    ['Installation', line.installation ?? '—'],
    ...(line.source === 'cloud'
      ? ([
          ['Source', 'cloud (Forge platform)'],
          ['App version', line.appVersion ?? '—'],
        ] as [string, string][])
      : []),
  ];
  return (
    <section className="log-detail" aria-label="Log line detail">
      <div className="log-detail-header">
        <h3>Line {line.id}</h3>
        {line.invocationId ? (
          <button type="button" onClick={() => onOnlyInvocation(line.invocationId!)}>
            Only this invocation
          </button>
        ) : null}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <StackText className="log-detail-message" text={line.message} />
      <dl className="log-detail-fields">
        {fields.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h4>Fields</h4>
      <pre className="log-detail-json">{line.fields ? JSON.stringify(line.fields, null, 2) : 'none'}</pre>
    </section>
  );
}

import type { AnalysisReport, CodeLocation, ScopeRow } from '../../../common/types';

interface Props {
  report: AnalysisReport | null;
  onOpenSource: (file: string, line: number) => void;
}

const STATUS_TEXT = { used: 'used', unused: 'not used by any code found', missing: 'missing from the manifest' } as const;

/** Every declared or needed scope explained, both ways: what it allows, and where the code needs it. */
export function ScopesPane({ report, onOpenSource }: Props) {
  if (!report) return <div className="pane-empty">Analysing the manifest and the app's code…</div>;
  // Over the platform's limit nothing in it is read, so empty tables would claim what no one checked.
  const tooLarge = report.diagnostics.find((diagnostic) => diagnostic.code === 'manifest-too-large');
  if (tooLarge) return <div className="pane-empty" role="note">{tooLarge.message}</div>;
  const { scopes, egress, resolvers } = report;
  return (
    <div className="scopes-pane">
      <h2>Scopes</h2>
      <p className="pane-summary">
        {scopes.declared.length} declared · {scopes.required.length} needed by code · {scopes.missing.length} missing · {scopes.unused.length} unused
      </p>
      <table className="scope-table" aria-label="Scopes">
        <thead>
          <tr>
            <th>Scope</th>
            <th>What it allows</th>
            <th>Power</th>
            <th>Needed at</th>
          </tr>
        </thead>
        <tbody>
          {scopes.rows.map((row) => (
            <ScopeLine key={row.explanation.scope} row={row} onOpenSource={onOpenSource} />
          ))}
        </tbody>
      </table>
      <h2>Egress</h2>
      <ul className="egress-list" aria-label="Egress domains">
        {egress.rows.length === 0 ? <li className="muted">No external domains declared or fetched.</li> : null}
        {egress.rows.map((row) => (
          <li key={`${row.domain}-${row.declared}`} className={`status-${row.status}`} data-domain={row.domain}>
            <code>{row.domain}</code> <span className="status">{STATUS_TEXT[row.status]}</span>
            <Locations locations={row.usedAt} onOpenSource={onOpenSource} />
          </li>
        ))}
      </ul>
      <h2>Resolvers</h2>
      <p className="muted">
        Defined: {resolvers.defined.join(', ') || 'none'} · invoked: {resolvers.invoked.join(', ') || 'none'}
        {resolvers.invokedButUndefined.length > 0 ? ` · invoked but never defined: ${resolvers.invokedButUndefined.join(', ')}` : ''}
        {resolvers.definedButNotInvoked.length > 0 ? ` · defined but never invoked: ${resolvers.definedButNotInvoked.join(', ')}` : ''}
      </p>
    </div>
  );
}

function ScopeLine({ row, onOpenSource }: { row: ScopeRow; onOpenSource: Props['onOpenSource'] }) {
  const { explanation } = row;
  return (
    <tr className={`status-${row.status}`} data-scope={explanation.scope}>
      <td>
        <code>{explanation.scope}</code>
        <div className="scope-title">{explanation.title ?? (explanation.valid ? '' : 'not a valid scope')}</div>
        <div className="scope-meta">
          {explanation.product} · {explanation.kind}
          {explanation.alternatives.length > 0 ? ` · equivalent: ${explanation.alternatives.slice(0, 4).join(', ')}` : ''}
        </div>
      </td>
      <td>{explanation.description}</td>
      <td>
        <span className={`power power-${explanation.power}`}>{explanation.power}</span>
      </td>
      <td>
        <span className="status">{STATUS_TEXT[row.status]}</span>
        <Locations locations={row.usedAt} onOpenSource={onOpenSource} />
      </td>
    </tr>
  );
}

function Locations({ locations, onOpenSource }: { locations: CodeLocation[]; onOpenSource: Props['onOpenSource'] }) {
  if (locations.length === 0) return null;
  return (
    <ul className="locations">
      {locations.map((location) => (
        <li key={`${location.file}:${location.line}:${location.column}`}>
          <button type="button" className="link" onClick={() => onOpenSource(location.file, location.line)}>
            {location.file}:{location.line}
          </button>{' '}
          <span className="muted">{location.reason}</span>
        </li>
      ))}
    </ul>
  );
}

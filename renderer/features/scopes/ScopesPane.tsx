import { useRef, useState, type ReactNode } from 'react';
import type { AnalysisReport, CodeLocation, ScopeRow } from '../../../common/types';
import { applyManifestEdits, useManifestEditable } from '../manifest-editor/manifestEditing';
import { byAttention, egressRowAction, scopeRowAction, type RowAction } from './rowActions';
import './scopes.css';

interface Props {
  report: AnalysisReport | null;
  onOpenSource: (file: string, line: number) => void;
}

const STATUS_TEXT = { used: 'used', unused: 'not used by any code found', missing: 'missing from the manifest' } as const;

/**
 * Every declared or needed scope explained, both ways: what it allows, and where the code needs it.
 * What needs a decision (missing, then unused) comes first, with a button that edits the manifest
 * in the editor, unsaved and undoable, as a quick fix does.
 */
export function ScopesPane({ report, onOpenSource }: Props) {
  const editable = useManifestEditable();
  const [done, setDone] = useState<string | null>(null);
  const summary = useRef<HTMLParagraphElement>(null);
  if (!report) return <div className="pane-empty">Analysing the manifest and the app's code…</div>;
  // Over the platform's limit nothing in it is read, so empty tables would claim what no one checked.
  const tooLarge = report.diagnostics.find((diagnostic) => diagnostic.code === 'manifest-too-large');
  if (tooLarge)
    return (
      <div className="pane-empty" role="note">
        {tooLarge.message}
      </div>
    );
  const { scopes, egress, resolvers } = report;
  const act = (action: Exclude<RowAction, null | { kind: 'uncertain' }>) => {
    if (!applyManifestEdits(action.edits)) return;
    setDone(
      `${action.label
        .replace(/^Add /, 'Added ')
        .replace(/^Allow /, 'Allowed ')
        .replace(/^Remove /, 'Removed ')}: unsaved in manifest.yml; Ctrl/Cmd+Z in the editor undoes it.`,
    );
    // The row's button goes away with its problem; the focus stays in the pane rather than falling to the page.
    summary.current?.focus();
  };
  const actionCell = (action: RowAction) => (action ? <RowActionCell action={action} editable={editable} onAct={act} /> : null);
  return (
    <div className="scopes-pane">
      <h2>Scopes</h2>
      <p className="pane-summary" ref={summary} tabIndex={-1}>
        {scopes.declared.length} declared · {scopes.required.length} needed by code · {scopes.missing.length} missing · {scopes.unused.length} unused
      </p>
      {/* Always on the page, so what an Add or Remove did is announced when it appears. */}
      <div className="scopes-done" aria-live="polite">
        {done ? <p role="status">{done}</p> : null}
      </div>
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
          {byAttention(scopes.rows).map((row) => (
            <ScopeLine key={row.explanation.scope} row={row} onOpenSource={onOpenSource} action={actionCell(scopeRowAction(row, report))} />
          ))}
        </tbody>
      </table>
      <h2>Egress</h2>
      <ul className="egress-list" aria-label="Egress domains">
        {egress.rows.length === 0 ? <li className="muted">No external domains declared or fetched.</li> : null}
        {byAttention(egress.rows).map((row) => (
          <li key={`${row.domain}-${row.declared}`} className={`status-${row.status}`} data-domain={row.domain}>
            <code>{row.domain}</code> <span className="status">{STATUS_TEXT[row.status]}</span> {actionCell(egressRowAction(row, report))}
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

function RowActionCell({ action, editable, onAct }: { action: RowAction; editable: boolean; onAct: (action: Exclude<RowAction, null | { kind: 'uncertain' }>) => void }) {
  if (!action) return null;
  if (action.kind === 'uncertain') return <span className="row-uncertain">{action.note}</span>;
  return (
    <button
      type="button"
      className={`row-action row-${action.kind}`}
      aria-label={action.label}
      title={editable ? action.label : 'Open the manifest editor to change it'}
      disabled={!editable}
      onClick={() => onAct(action)}
    >
      {action.kind === 'add' ? 'Add' : 'Remove'}
    </button>
  );
}

function ScopeLine({ row, onOpenSource, action }: { row: ScopeRow; onOpenSource: Props['onOpenSource']; action: ReactNode }) {
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
        {/* Under the name rather than in a column of its own, so the table is no wider than before. */}
        {action ? <div className="row-action-cell">{action}</div> : null}
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

import { useMemo, useState } from 'react';
import type { AnalysisReport, Diagnostic, Severity } from '../../../common/types';
import { describeFixAll, fixAllCandidates, planFixAll } from './fixAll';
import { applyManifestEdits, useManifestEditable } from './manifestEditing';
import { filterProblems, groupProblems, sortProblems, type ProblemSort } from './problemsView';
import './problems.css';

interface Props {
  report: AnalysisReport | null;
  error: string | null;
  onReveal: (diagnostic: Diagnostic) => void;
  onFix: (diagnostic: Diagnostic, fixIndex: number) => void;
}

const SEVERITIES: { severity: Severity; label: string }[] = [
  { severity: 'error', label: 'Errors' },
  { severity: 'warning', label: 'Warnings' },
  { severity: 'info', label: 'Notes' },
];
const ALL = new Set<Severity>(['error', 'warning', 'info']);

/** Every diagnostic of the manifest and the code: filtered, sorted, grouped by file, with one-click and fix-all repairs. */
export function ProblemsList({ report, error, onReveal, onFix }: Props) {
  const diagnostics = useMemo(() => report?.diagnostics ?? [], [report]);
  const [severities, setSeverities] = useState<ReadonlySet<Severity>>(ALL);
  const [text, setText] = useState('');
  const [sort, setSort] = useState<ProblemSort>('severity');
  const [grouped, setGrouped] = useState(true);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [fixAllNote, setFixAllNote] = useState<string | null>(null);
  const editable = useManifestEditable();

  const shown = useMemo(() => filterProblems(diagnostics, { severities, text }), [diagnostics, severities, text]);
  const groups = useMemo(() => (grouped ? groupProblems(shown, sort) : [{ file: '', diagnostics: sortProblems(shown, sort) }]), [shown, sort, grouped]);
  const count = (severity: Severity) => diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  const filtered = shown.length !== diagnostics.length;

  const toggleSeverity = (severity: Severity) =>
    setSeverities((current) => {
      const next = new Set(current);
      if (next.has(severity)) next.delete(severity);
      else next.add(severity);
      return next;
    });
  const toggleGroup = (file: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(file)) next.delete(file);
      else next.add(file);
      return next;
    });
  const fixAll = (code: string) => {
    const plan = planFixAll(diagnostics, code);
    if (plan.fixed.length > 0 && !applyManifestEdits(plan.edits)) return;
    setFixAllNote(describeFixAll(plan));
  };

  return (
    <section className="problems" aria-label="Problems">
      <header className="problems-header">
        Problems
        <span className="problem-counts">
          {report ? `${count('error')} errors · ${count('warning')} warnings · ${count('info')} notes · ${report.filesScanned} source files · ${report.elapsedMs} ms` : 'Analysing…'}
        </span>
      </header>
      <div className="problems-toolbar">
        <input
          type="search"
          className="problems-filter"
          aria-label="Filter problems"
          placeholder="Filter (e.g. scope, !info, src/index.js)"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        {SEVERITIES.map(({ severity, label }) => (
          <button key={severity} type="button" className={`severity-toggle ${severity}`} aria-pressed={severities.has(severity)} onClick={() => toggleSeverity(severity)}>
            {label} ({count(severity)})
          </button>
        ))}
        <label>
          Sort by{' '}
          <select aria-label="Sort problems" value={sort} onChange={(event) => setSort(event.target.value as ProblemSort)}>
            <option value="severity">Severity</option>
            <option value="position">File and line</option>
            <option value="code">Kind (code)</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={grouped} onChange={(event) => setGrouped(event.target.checked)} /> Group by file
        </label>
      </div>
      {error ? (
        <p className="problems-error" role="alert">
          {error}
        </p>
      ) : null}
      {/* Always on the page, so what "Fix all" did is announced when it appears. */}
      <div aria-live="polite">
        {fixAllNote ? (
          <p className="problems-note" role="status">
            {fixAllNote}{' '}
            <button type="button" className="link" onClick={() => setFixAllNote(null)}>
              Dismiss
            </button>
          </p>
        ) : null}
      </div>
      {filtered ? (
        <p className="problems-filtered muted">
          Showing {shown.length} of {diagnostics.length}.{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setText('');
              setSeverities(ALL);
            }}
          >
            Clear filter
          </button>
        </p>
      ) : null}
      {groups.map((group) => {
        const open = !collapsed.has(group.file);
        const items = (
          <ul>
            {group.diagnostics.map((diagnostic, index) => (
              <ProblemItem
                key={`${diagnostic.code}-${diagnostic.file}-${diagnostic.line}-${diagnostic.column}-${index}`}
                diagnostic={diagnostic}
                all={diagnostics}
                canEdit={editable}
                onReveal={onReveal}
                onFix={onFix}
                onFixAll={fixAll}
              />
            ))}
          </ul>
        );
        if (!grouped) return <div key="all">{items}</div>;
        return (
          <div key={group.file} className="problem-group" role="group" aria-label={group.file}>
            <h3 className="problem-file">
              <button type="button" aria-expanded={open} onClick={() => toggleGroup(group.file)}>
                <span aria-hidden="true">{open ? '▾' : '▸'}</span> {group.file} <span className="problem-file-count">{group.diagnostics.length}</span>
              </button>
            </h3>
            {open ? items : null}
          </div>
        );
      })}
    </section>
  );
}

function ProblemItem({
  diagnostic,
  all,
  canEdit,
  onReveal,
  onFix,
  onFixAll,
}: {
  diagnostic: Diagnostic;
  all: Diagnostic[];
  canEdit: boolean;
  onReveal: Props['onReveal'];
  onFix: Props['onFix'];
  onFixAll: (code: string) => void;
}) {
  const sameKind = diagnostic.fixes.length > 0 && diagnostic.file === 'manifest.yml' ? fixAllCandidates(all, diagnostic.code).length : 0;
  return (
    <li className={`problem ${diagnostic.severity}`} data-code={diagnostic.code}>
      <button type="button" className="problem-place" onClick={() => onReveal(diagnostic)}>
        {diagnostic.file}:{diagnostic.line}
      </button>
      <span className="problem-message">{diagnostic.message}</span>
      <code className="problem-code">{diagnostic.code}</code>
      {diagnostic.fixes.map((fix, fixIndex) => (
        <button key={fix.title} type="button" className="problem-fix" onClick={() => onFix(diagnostic, fixIndex)}>
          {fix.title}
        </button>
      ))}
      {sameKind > 1 && canEdit ? (
        <button type="button" className="problem-fix problem-fix-all" onClick={() => onFixAll(diagnostic.code)}>
          Fix all {sameKind} {diagnostic.code}
        </button>
      ) : null}
    </li>
  );
}

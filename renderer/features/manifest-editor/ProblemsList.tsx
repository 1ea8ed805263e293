import type { AnalysisReport, Diagnostic } from '../../../common/types';

interface Props {
  report: AnalysisReport | null;
  error: string | null;
  onReveal: (diagnostic: Diagnostic) => void;
  onFix: (diagnostic: Diagnostic, fixIndex: number) => void;
}

/** Every diagnostic of the manifest and the code, with its place and its one-click fixes. */
export function ProblemsList({ report, error, onReveal, onFix }: Props) {
  const diagnostics = report?.diagnostics ?? [];
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  return (
    <section className="problems" aria-label="Problems">
      <header className="problems-header">
        Problems
        <span className="problem-counts">
          {report ? `${count('error')} errors · ${count('warning')} warnings · ${count('info')} notes · ${report.filesScanned} source files · ${report.elapsedMs} ms` : 'Analysing…'}
        </span>
      </header>
      {error ? <p className="problems-error" role="alert">{error}</p> : null}
      <ul>
        {diagnostics.map((diagnostic, index) => (
          <li key={`${diagnostic.code}-${diagnostic.file}-${diagnostic.line}-${diagnostic.column}-${index}`} className={`problem ${diagnostic.severity}`} data-code={diagnostic.code}>
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
          </li>
        ))}
      </ul>
    </section>
  );
}

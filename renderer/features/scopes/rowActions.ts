import type { AnalysisReport, Diagnostic, EgressRow, ScopeRow, TextEdit } from '../../../common/types';
import { isUncertainRemoval } from '../manifest-editor/manifestEditing';

/** What a Scopes-pane row offers: add what the code needs, remove what it does not, or say why not. */
export type RowAction = { kind: 'add' | 'remove'; label: string; edits: TextEdit[] } | { kind: 'uncertain'; note: string } | null;

const ORDER = { missing: 0, unused: 1, used: 2 } as const;

/** Missing first, then unused, then used: what needs a decision comes first; otherwise as the report lists them. */
export function byAttention<Row extends { status: keyof typeof ORDER }>(rows: readonly Row[]): Row[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => ORDER[a.row.status] - ORDER[b.row.status] || a.index - b.index)
    .map(({ row }) => row);
}

function actionFrom(diagnostic: Diagnostic | undefined, kind: 'add' | 'remove', label: string): RowAction {
  if (!diagnostic) return null;
  if (kind === 'remove' && isUncertainRemoval(diagnostic)) return { kind: 'uncertain', note: 'may still be needed: Anvil cannot read every call; check before removing it' };
  const fix = diagnostic.fixes[0];
  return fix ? { kind, label, edits: fix.edits } : null;
}

export function scopeRowAction(row: ScopeRow, report: AnalysisReport): RowAction {
  const scope = row.explanation.scope;
  const about = (code: string) => report.diagnostics.find((diagnostic) => diagnostic.code === code && diagnostic.message.startsWith(`"${scope}" `));
  if (row.status === 'missing') return actionFrom(about('scope-missing'), 'add', `Add ${scope} to the manifest`);
  if (row.status === 'unused') return actionFrom(about('scope-unused'), 'remove', `Remove ${scope} from the manifest`);
  return null;
}

export function egressRowAction(row: EgressRow, report: AnalysisReport): RowAction {
  const host = row.domain;
  // Messages name the host followed by a comma, a period or a semicolon (see the egress findings).
  const names = (diagnostic: Diagnostic) => [',', '.', ';'].some((end) => diagnostic.message.includes(` ${host}${end}`));
  const about = (code: string) => report.diagnostics.find((diagnostic) => diagnostic.code === code && names(diagnostic));
  if (row.status === 'missing') return actionFrom(about('egress-missing'), 'add', `Allow ${host} in the manifest`);
  if (row.status === 'unused') return actionFrom(about('egress-unused'), 'remove', `Remove ${host} from the manifest`);
  return null;
}

import type { Diagnostic, SourceRange, TextEdit } from '../../../common/types';
import { isUncertainRemoval } from './manifestEditing';

/** What "Fix all of this kind" will do: one set of edits, and the problems it leaves alone with why. */
export interface FixAllPlan {
  code: string;
  edits: TextEdit[];
  fixed: Diagnostic[];
  skipped: { diagnostic: Diagnostic; reason: string }[];
}

type Position = { line: number; column: number };

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.column - b.column;
}
const start = (range: SourceRange): Position => ({ line: range.line, column: range.column });
const end = (range: SourceRange): Position => ({ line: range.endLine, column: range.endColumn });
const isInsert = (edit: TextEdit) => compare(start(edit.range), end(edit.range)) === 0;
const sameEdit = (a: TextEdit, b: TextEdit) => compare(start(a.range), start(b.range)) === 0 && compare(end(a.range), end(b.range)) === 0 && a.text === b.text;

// An insertion that writes a key of its own (`permissions:`, `  scopes:`) creates the place the next
// one would go; two of them at one spot would write the key twice.
const createsKey = (text: string) => /^[^#\n]*:[ \t]*$/m.test(text);

/** Whether two edits of different fixes cannot both be applied to the same text. */
function conflicts(a: TextEdit, b: TextEdit): boolean {
  if (isInsert(a) && isInsert(b)) return compare(start(a.range), start(b.range)) === 0 && (createsKey(a.text) || createsKey(b.text));
  if (isInsert(a)) return compare(start(b.range), start(a.range)) < 0 && compare(start(a.range), end(b.range)) < 0;
  if (isInsert(b)) return conflicts(b, a);
  return compare(start(a.range), end(b.range)) < 0 && compare(start(b.range), end(a.range)) < 0;
}

/** The manifest problems "Fix all" would touch for a code: those with a one-click fix in manifest.yml. */
export function fixAllCandidates(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === code && diagnostic.file === 'manifest.yml' && diagnostic.fixes.length > 0);
}

/**
 * Every quick fix of one kind merged into edits that can be applied at once. A fix whose edits
 * overlap one already taken is skipped, with a note (after the others are applied, the next
 * analysis offers it again against the new text); two identical edits count once.
 */
export function planFixAll(diagnostics: readonly Diagnostic[], code: string): FixAllPlan {
  const candidates = fixAllCandidates(diagnostics, code).sort((a, b) => compare(start(a), start(b)));
  const taken: { edit: TextEdit; diagnostic: Diagnostic }[] = [];
  const plan: FixAllPlan = { code, edits: [], fixed: [], skipped: [] };
  for (const diagnostic of candidates) {
    if (isUncertainRemoval(diagnostic)) {
      plan.skipped.push({ diagnostic, reason: 'the code may still need it; remove it yourself if you are sure' });
      continue;
    }
    if (diagnostic.fixes.length > 1) {
      plan.skipped.push({ diagnostic, reason: `it offers ${diagnostic.fixes.length} different fixes; choose one on the problem` });
      continue;
    }
    const edits = diagnostic.fixes[0]!.edits.filter((edit) => !taken.some((other) => sameEdit(other.edit, edit)));
    const clash = taken.find((other) => edits.some((edit) => conflicts(edit, other.edit)));
    if (clash) {
      plan.skipped.push({ diagnostic, reason: `its edit overlaps the fix for line ${clash.diagnostic.line}; run Fix all again after this one` });
      continue;
    }
    edits.forEach((edit) => taken.push({ edit, diagnostic }));
    plan.fixed.push(diagnostic);
  }
  plan.edits = mergeInsertions(taken.map(({ edit }) => edit));
  return plan;
}

// Insertions at one spot become one edit, in the order they were taken, so the result never
// depends on how an editor orders edits with equal ranges.
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const same = isInsert(edit) ? merged.find((other) => isInsert(other) && compare(start(other.range), start(edit.range)) === 0) : undefined;
    if (same) same.text += edit.text;
    else merged.push({ range: { ...edit.range }, text: edit.text });
  }
  return merged.sort((a, b) => compare(start(a.range), start(b.range)));
}

/** One line for the user: what was fixed and what was left, and why. */
export function describeFixAll(plan: FixAllPlan): string {
  const fixed = `Fixed ${plan.fixed.length} ${plan.code} problem${plan.fixed.length === 1 ? '' : 's'} in one edit (undo with Ctrl/Cmd+Z).`;
  if (plan.skipped.length === 0) return fixed;
  const skipped = plan.skipped.map(({ diagnostic, reason }) => `line ${diagnostic.line}: ${reason}`).join('; ');
  return `${fixed} Skipped ${plan.skipped.length}: ${skipped}.`;
}

import type { Diagnostic, Severity } from '../../../common/types';

/** How the Problems list orders what it shows. */
export type ProblemSort = 'severity' | 'position' | 'code';

export interface ProblemFilter {
  /** Severities shown; the others are hidden. */
  severities: ReadonlySet<Severity>;
  /** Words that must all appear in the message, code or file; a word starting with `!` must not. */
  text: string;
}

export interface ProblemGroup {
  file: string;
  diagnostics: Diagnostic[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function words(text: string): { include: string[]; exclude: string[] } {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const word of text.toLowerCase().split(/\s+/)) {
    if (word.startsWith('!')) {
      if (word.length > 1) exclude.push(word.slice(1));
    } else if (word) include.push(word);
  }
  return { include, exclude };
}

/** The diagnostics the filter lets through, in their original order. */
export function filterProblems(diagnostics: readonly Diagnostic[], filter: ProblemFilter): Diagnostic[] {
  const { include, exclude } = words(filter.text);
  return diagnostics.filter((diagnostic) => {
    if (!filter.severities.has(diagnostic.severity)) return false;
    const haystack = `${diagnostic.message}\n${diagnostic.code}\n${diagnostic.file}:${diagnostic.line}`.toLowerCase();
    return include.every((word) => haystack.includes(word)) && !exclude.some((word) => haystack.includes(word));
  });
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

const COMPARE: Record<ProblemSort, (a: Diagnostic, b: Diagnostic) => number> = {
  severity: (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || byPosition(a, b),
  position: byPosition,
  code: (a, b) => a.code.localeCompare(b.code) || byPosition(a, b),
};

export function sortProblems(diagnostics: readonly Diagnostic[], sort: ProblemSort): Diagnostic[] {
  return [...diagnostics].sort(COMPARE[sort]);
}

/**
 * One group per file, the manifest first and then by path; inside each group the sort's order.
 * A group is ranked by its worst problem when sorting by severity, as the files that break the app matter first.
 */
export function groupProblems(diagnostics: readonly Diagnostic[], sort: ProblemSort): ProblemGroup[] {
  const groups = new Map<string, Diagnostic[]>();
  for (const diagnostic of sortProblems(diagnostics, sort)) {
    groups.set(diagnostic.file, [...(groups.get(diagnostic.file) ?? []), diagnostic]);
  }
  const worst = (group: Diagnostic[]) => Math.min(...group.map((diagnostic) => SEVERITY_RANK[diagnostic.severity]));
  return [...groups.entries()]
    .map(([file, list]) => ({ file, diagnostics: list }))
    .sort((a, b) => (sort === 'severity' ? worst(a.diagnostics) - worst(b.diagnostics) : 0) || Number(b.file === 'manifest.yml') - Number(a.file === 'manifest.yml') || a.file.localeCompare(b.file));
}

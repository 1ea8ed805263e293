import type { AnalysisReport, CodeLocation, Diagnostic, QuickFix, Severity, SourceRange } from '../../../common/types';

const MANIFEST = 'manifest.yml';

/** A finding drawn where it is written in the app's code, with the manifest edits that resolve it. */
export interface CodeFinding {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  code: string;
  message: string;
  /** Edits to manifest.yml (a quick fix in the code changes the manifest, not the code). */
  fixes: QuickFix[];
}

/** The manifest diagnostics that stand for one missing scope or domain: their fixes are the code's fixes. */
function manifestFixes(report: AnalysisReport, matches: (diagnostic: Diagnostic) => boolean): QuickFix[] {
  return report.diagnostics.filter((diagnostic) => diagnostic.file === MANIFEST && matches(diagnostic)).flatMap((diagnostic) => diagnostic.fixes);
}

/**
 * Every finding of a report that has a place in the code: each call that needs a scope the manifest
 * lacks, each fetch to a domain it does not allow, and the diagnostics the analysis placed in a source
 * file. Rows the manifest already covers ('used') and the manifest's own places are not code findings.
 */
export function codeFindings(report: AnalysisReport): CodeFinding[] {
  const findings: CodeFinding[] = [];
  // Each place in the code of a row the manifest lacks, with the manifest's fix for that row.
  const atEachUse = (usedAt: readonly CodeLocation[], code: 'scope-missing' | 'egress-missing', fixes: CodeFinding['fixes'], message: (reason: string) => string) => {
    for (const place of usedAt) {
      if (place.file === MANIFEST) continue;
      findings.push({ file: place.file, line: place.line, column: place.column, severity: 'error', code, message: message(place.reason), fixes });
    }
  };
  for (const row of report.scopes.rows) {
    if (row.status !== 'missing') continue;
    const scope = row.explanation.scope;
    // The analysis names the scope first in its message ("\"read:jira-work\" is needed by …").
    const fixes = manifestFixes(report, (diagnostic) => diagnostic.code === 'scope-missing' && diagnostic.message.startsWith(`"${scope}"`));
    atEachUse(row.usedAt, 'scope-missing', fixes, (reason) => `${reason} needs the scope "${scope}", which permissions.scopes in manifest.yml does not declare: the platform will refuse this call.`);
  }
  for (const row of report.egress.rows) {
    if (row.status !== 'missing') continue;
    const fixes = manifestFixes(report, (diagnostic) => diagnostic.code === 'egress-missing' && diagnostic.message.includes(` fetches from ${row.domain},`));
    atEachUse(row.usedAt, 'egress-missing', fixes, (reason) => `${reason} goes to ${row.domain}, which permissions.external in manifest.yml does not allow: the platform will refuse the request.`);
  }
  for (const diagnostic of report.diagnostics) {
    if (diagnostic.file === MANIFEST) continue;
    findings.push({
      file: diagnostic.file,
      line: diagnostic.line,
      column: diagnostic.column,
      severity: diagnostic.severity,
      code: diagnostic.code,
      message: diagnostic.message,
      fixes: diagnostic.fixes,
    });
  }
  return findings;
}

/** The findings placed in one file. */
export function findingsIn(findings: readonly CodeFinding[], file: string): CodeFinding[] {
  return findings.filter((finding) => finding.file === file);
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
// A call written over more lines than this is marked at its name only: the scan stays cheap.
const MAX_CALL_LINES = 40;

/**
 * The range of the call whose name starts at line/column: the name, and its arguments up to the
 * closing parenthesis when one follows (strings, comments and template literals are skipped).
 * Falls back to the name alone when no argument list follows or it does not close nearby.
 */
export function callRange(lineAt: (line: number) => string, lineCount: number, line: number, column: number): SourceRange {
  const text = lineAt(line) ?? '';
  const name = /^[\p{L}\p{N}_$]*/u.exec(text.slice(column - 1))?.[0] ?? '';
  const nameOnly: SourceRange = { line, column, endLine: line, endColumn: column + Math.max(name.length, 1) };

  let row = line;
  let index = column - 1 + name.length;
  // Up to the argument list: spaces, type arguments are not followed (rare in Forge calls).
  const stack: string[] = [];
  let started = false;
  let quote: string | null = null;
  while (row <= Math.min(lineCount, line + MAX_CALL_LINES)) {
    const current = lineAt(row);
    while (index < current.length) {
      const char = current[index]!;
      if (quote) {
        if (char === '\\') index += 1;
        else if (quote === '`' && char === '$' && current[index + 1] === '{') {
          stack.push('}`');
          quote = null;
          index += 1;
        } else if (char === quote) quote = null;
        index += 1;
        continue;
      }
      if (!started) {
        if (char === '(') {
          started = true;
          stack.push(')');
        } else if (char === '?' && current[index + 1] === '.' && current[index + 2] === '(') {
          index += 1;
        } else if (char !== ' ' && char !== '\t') return nameOnly;
        index += 1;
        continue;
      }
      if (char === '/' && current[index + 1] === '/') break;
      if (char === "'" || char === '"' || char === '`') quote = char;
      else if (OPENERS[char]) stack.push(OPENERS[char]!);
      else if (char === ')' || char === ']' || char === '}') {
        const expected = stack.pop();
        if (expected === '}`' && char === '}') quote = '`';
        else if (expected !== char) return nameOnly;
        if (stack.length === 0) return { line, column, endLine: row, endColumn: index + 2 };
      }
      index += 1;
    }
    // A string other than a template literal does not span lines.
    if (quote && quote !== '`') return nameOnly;
    row += 1;
    index = 0;
  }
  return nameOnly;
}

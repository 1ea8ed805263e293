import type { Outcome } from './verdict';

/** One row of the corpus table: one entry point of one app. */
export interface Row {
  app: string;
  forgeApi: string;
  entry: string;
  outcome: Outcome;
  cause: string;
  judged?: boolean;
  error?: string;
  result?: string;
}

const START = '<!-- corpus-table:start -->';
const END = '<!-- corpus-table:end -->';

/** The Markdown table of docs/CORPUS.md: app, @forge/api, entry point, outcome, cause. */
export function resultsTable(rows: readonly Row[]): string {
  const lines = ['| App | @forge/api | Entry point | Outcome | Cause |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows) lines.push(`| ${cell(row.app)} | ${cell(row.forgeApi)} | ${cell(row.entry)} | ${row.outcome} | ${cell(row.cause)} |`);
  return lines.join('\n');
}

export function totalsLine(rows: readonly Row[]): string {
  const count = (outcome: Outcome) => rows.filter((row) => row.outcome === outcome).length;
  const apps = new Set(rows.map((row) => row.app)).size;
  return `Totals: ${rows.length} entry points in ${apps} apps: ${count('ran')} ran, ${count('anvil')} anvil, ${count('cannot run locally')} cannot run locally.`;
}

/** The document with the text between its table markers replaced; the markers must be there. */
export function replaceTable(document: string, table: string, totals: string): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the document has no ${START} … ${END} markers to put the table between`);
  return `${document.slice(0, start + START.length)}\n\n${totals}\n\n${table}\n\n${document.slice(end)}`;
}

// A cell shows the app's text as text: no pipes or line breaks that would break the table.
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/`/g, "'");
}

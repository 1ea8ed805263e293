import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The impacts the issue asks to be rid of; minor and moderate findings are left to judgement. */
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Nothing is left out, the editor included: Monaco's own markup has had no serious finding, and the
 * colours of its text come from the theme the workbench gives it, which Anvil can fix. Should a
 * finding in markup only Monaco controls appear, exclude that element here (by its Monaco class),
 * never a whole pane.
 */
const THIRD_PARTY_EXCLUDED: string[] = [];

export interface Finding {
  rule: string;
  impact: string;
  summary: string;
  targets: string[];
}

/**
 * Runs axe-core's default rules (WCAG 2.0 and 2.1 A and AA, and its best practices) on the whole
 * workbench page as it is shown now. Rules axe-core leaves off by default (WCAG 2.2's 24-pixel target
 * size, AAA) stay off: the issue asks for what a plain axe-core scan reports.
 */
export async function blockingFindings(page: Page): Promise<Finding[]> {
  let builder = new AxeBuilder({ page });
  for (const selector of THIRD_PARTY_EXCLUDED) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      summary: violation.help,
      targets: violation.nodes.map((node) => `${node.target.join(' ')}${node.failureSummary ? ` — ${oneLine(node.failureSummary)}` : ''}`),
    }));
}

/**
 * One line per finding, then its elements and what to fix, to read in a failed test's message;
 * `most` elements per finding (the rest counted), so one rule broken in a long list stays readable.
 */
export function describeFindings(view: string, findings: Finding[], most = Infinity): string {
  if (findings.length === 0) return `${view}: no serious or critical violation`;
  const lines = findings.flatMap((finding) => {
    const shown = finding.targets.slice(0, most).map((target) => `    ${target}`);
    const more = finding.targets.length - shown.length;
    return [`${view}: ${finding.impact} ${finding.rule} — ${finding.summary}`, ...shown, ...(more > 0 ? [`    … and ${more} more like it`] : [])];
  });
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').slice(0, 300);
}

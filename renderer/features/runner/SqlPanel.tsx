import { useEffect, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { SqlOverview, SqlQueryResult } from '../../../common/types';

/**
 * An installation's Forge SQL database: its tables, the migrations the app recorded, and a box for
 * reading statements (run read-only, under the platform's limits). Shown only for an app that
 * declares the `sql` module; refreshed after each run (`version`).
 */
export function SqlPanel({ bridge, environment, installation, version }: { bridge: AnvilBridge; environment: string; installation: string; version: number }) {
  const [overview, setOverview] = useState<SqlOverview | null>(null);
  const [text, setText] = useState('');
  const [result, setResult] = useState<SqlQueryResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!installation) return;
    void bridge.getSqlOverview({ environment, installation }).then(setOverview, (failure: Error) => setMessage(failure.message));
  }, [bridge, environment, installation, version]);

  if (!overview?.enabled) return null;
  const run = async () => {
    setMessage(null);
    try {
      const answer = await bridge.runSqlQuery({ environment, installation, query: text });
      setResult(answer);
      setMessage(`${answer.rows.length} ${answer.rows.length === 1 ? 'row' : 'rows'}`);
    } catch (failure) {
      setResult(null);
      setMessage((failure as Error).message);
    }
  };

  return (
    <details className="run-sql" open={overview.tables.length > 0}>
      <summary>
        Forge SQL of {installation} in {environment} ({overview.tables.length} {overview.tables.length === 1 ? 'table' : 'tables'}
        {overview.engine ? `, ${overview.engine}` : ''})
      </summary>
      {overview.problem ? <p className="delivery-error">{overview.problem}</p> : null}
      <ul aria-label="SQL tables">
        {overview.tables.map((table) => (
          <li key={table.name} className="storage-row">
            <code className="storage-key">{table.name}</code>
            <span className="muted">
              about {table.rows} {table.rows === 1 ? 'row' : 'rows'}
            </span>
          </li>
        ))}
      </ul>
      <ol aria-label="Migrations applied">
        {overview.migrations.map((migration) => (
          <li key={migration.id}>
            <code>{migration.name}</code> <span className="muted">{migration.migratedAt}</span>
          </li>
        ))}
      </ol>
      <div className="storage-form" role="group" aria-label="SQL query">
        <textarea aria-label="SQL statement" placeholder="SELECT * FROM … (reading statements only)" value={text} rows={2} spellCheck={false} onChange={(event) => setText(event.target.value)} />
        <button type="button" onClick={() => void run()} disabled={text.trim() === ''}>
          Run query
        </button>
        {message ? <span role="status">{message}</span> : null}
      </div>
      {result && result.columns.length > 0 ? (
        <table className="sql-result" aria-label="Query result">
          <thead>
            <tr>
              {result.columns.map((column) => (
                <th key={column}>{column}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row, index) => (
              <tr key={index}>
                {row.map((value, column) => (
                  <td key={column}>{value === null ? 'NULL' : typeof value === 'object' ? JSON.stringify(value) : String(value)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </details>
  );
}

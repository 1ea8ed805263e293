import { memo, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { LogQuery } from '../../../common/types';
import { useCommands } from '../../ui/commands';
import { notify } from '../../ui/notifications/notifications';
import { downloadText, exportFileName, type ExportFormat } from './exportLogs';

/** Export the lines the current filters select (all of them, not just those in memory). */
export const LogExport = memo(function LogExport({ bridge, query }: { bridge: AnvilBridge; query: LogQuery | null }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const run = async (format: ExportFormat) => {
    if (!query) return;
    setBusy(true);
    setMessage(null);
    try {
      const { text, truncated } = await bridge.exportLogs({ ...query, format });
      const fileName = exportFileName(query.environment, format, new Date());
      downloadText(fileName, text, format);
      setMessage({
        error: false,
        text: truncated ? `Saved ${fileName}, truncated at 100,000 lines: narrow the filters (levels, time range) to export the rest.` : `Saved ${fileName}.`,
      });
      notify({ kind: truncated ? 'warning' : 'success', message: truncated ? `Log export ${fileName} is truncated at 100,000 lines.` : `Log export ${fileName} is ready.` });
    } catch (failure) {
      setMessage({ error: true, text: `The export failed: ${(failure as Error).message}` });
      notify({ kind: 'error', message: `The log export failed: ${(failure as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  useCommands([
    { id: 'export-logs-jsonl', category: 'Logs', title: 'Export the filtered lines as JSON Lines', pane: 'logs', run: () => void run('jsonl') },
    { id: 'export-logs-csv', category: 'Logs', title: 'Export the filtered lines as CSV', pane: 'logs', run: () => void run('csv') },
  ]);
  return (
    <span className="log-export">
      <button type="button" disabled={busy || !query} onClick={() => void run('jsonl')}>
        Export JSON Lines
      </button>
      <button type="button" disabled={busy || !query} onClick={() => void run('csv')}>
        Export CSV
      </button>
      {message ? (
        <span className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </span>
      ) : null}
    </span>
  );
});

export type ExportFormat = 'jsonl' | 'csv';

const MIME: Record<ExportFormat, string> = { jsonl: 'application/x-ndjson', csv: 'text/csv' };

/** `anvil-logs-staging-2026-05-01T14-05-09.jsonl`: sortable, and safe as a file name everywhere. */
export function exportFileName(environment: string, format: ExportFormat, at: Date): string {
  const stamp = at.toISOString().slice(0, 19).replace(/:/g, '-');
  return `anvil-logs-${environment.replace(/[^\w.-]+/g, '-')}-${stamp}.${format}`;
}

/** Hand text to the browser as a download: both shells save a link with `download` as a file. */
export function downloadText(fileName: string, text: string, format: ExportFormat): void {
  const url = URL.createObjectURL(new Blob([text], { type: MIME[format] }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download reads the blob after click() returns; revoke it once that has surely happened.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

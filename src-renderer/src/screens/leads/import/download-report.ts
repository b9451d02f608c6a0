import { call } from '../../../api/client';

/** Fetches a finished import's report and saves it as a file (a Blob behind an object URL, as a download link). */
export async function downloadImportReport(id: string): Promise<void> {
  const { fileName, csv } = await call('leads.importReport', { id });
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has handed the Blob to the download already; revoking later only leaks it longer.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

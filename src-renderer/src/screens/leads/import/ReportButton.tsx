import { useState } from 'react';
import { Button, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { AppError } from '@shared/contract/errors';
import { downloadImportReport } from './download-report';

/** Downloads a completed import's per-row report as CSV. */
export function ReportButton({ importId, label = 'Download report (CSV)', ...props }: { importId: string; label?: string; 'aria-label'?: string; 'data-testid'?: string } & ButtonProps) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadImportReport(importId);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not download the report', message: error instanceof AppError ? error.message : 'Try again.' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button leftSection={<IconDownload size={16} />} loading={busy} onClick={() => void download()} {...props}>
      {label}
    </Button>
  );
}

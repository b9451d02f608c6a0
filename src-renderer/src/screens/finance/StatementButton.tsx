import { useState } from 'react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf } from '@tabler/icons-react';
import type { AppError } from '@shared/contract/errors';
import { call } from '../../api/client';
import { downloadFile } from './download-file';

/** Downloads a payout's PDF statement (for the partner). */
export function StatementButton({ payoutId, number }: { payoutId: string; number: string }) {
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    try {
      downloadFile(await call('payouts.statement', { id: payoutId }));
    } catch (error) {
      notifications.show({ color: 'red', title: 'No statement', message: (error as AppError).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="compact-xs" variant="subtle" leftSection={<IconFileTypePdf size={14} />} loading={busy} onClick={() => void open()} aria-label={`Statement of ${number}`} data-testid={`statement-${number}`}>
      Statement
    </Button>
  );
}

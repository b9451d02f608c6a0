import { useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import type { AppError } from '@shared/contract/errors';
import type { ExportFormat } from '@shared/contract/payouts/finance';
import { useProcMutation } from '../../api/hooks';
import { downloadFile } from './download-file';

const LABELS: Record<ExportFormat, string> = {
  csv: 'Payouts CSV',
  pain001: 'Bank file (ISO 20022 pain.001)',
  paypal_csv: 'PayPal payouts CSV',
  journal_csv: 'Accounting journal CSV',
};

/** Exports the selected payouts in one of `formats`; the file downloads, or the refusal (bad IBAN, no debtor…) shows. */
export function ExportMenu({ ids, formats, label = 'Export' }: { ids: string[]; formats: readonly ExportFormat[]; label?: string }) {
  const [format, setFormat] = useState<ExportFormat | null>(null);
  const exporting = useProcMutation('payouts.export', {
    inlineErrors: true,
    onSuccess: (file) => downloadFile(file),
    onError: (error: AppError) => notifications.show({ color: 'red', title: 'Export refused', message: error.message }),
    onSettled: () => setFormat(null),
  });
  const run = (f: ExportFormat) => {
    setFormat(f);
    exporting.mutate({ ids, format: f });
  };
  if (formats.length === 1) {
    const only = formats[0] as ExportFormat;
    return (
      <Button variant="default" leftSection={<IconDownload size={16} />} disabled={ids.length === 0} loading={exporting.isPending} onClick={() => run(only)} data-testid={`export-${only}`}>
        {LABELS[only]}
      </Button>
    );
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} disabled={ids.length === 0} loading={exporting.isPending} data-testid="export-menu">
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {formats.map((f) => (
          <Menu.Item key={f} onClick={() => run(f)} disabled={format !== null} data-testid={`export-${f}`}>
            {LABELS[f]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

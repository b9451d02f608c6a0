import { useState } from 'react';
import { Select } from '@mantine/core';
import { useProcQuery } from '../../api/hooks';

interface Props {
  /** Called with the reason chosen; the dialog puts it in its reason field, where it can still be edited. */
  onPick(reason: string): void;
  disabled?: boolean;
}

/**
 * The workspace's standard rejection reasons (`leads.settings`) to pick from. The reason field
 * stays free text: a standard reason is a starting point, not the only answer.
 */
export function StandardReasonSelect({ onPick, disabled }: Props) {
  const settings = useProcQuery('leads.settings', {}, { staleTime: 60_000 });
  const [value, setValue] = useState<string | null>(null);
  return (
    <Select
      label="Standard reason"
      description="Pick one, or write your own reason below."
      placeholder={settings.isPending ? 'Loading…' : 'Choose a standard reason'}
      data={settings.data?.rejectionReasons ?? []}
      value={value}
      onChange={(picked) => {
        setValue(picked);
        if (picked) onPick(picked);
      }}
      searchable
      clearable
      disabled={disabled}
      comboboxProps={{ withinPortal: true }}
      data-testid="lead-reject-standard"
    />
  );
}

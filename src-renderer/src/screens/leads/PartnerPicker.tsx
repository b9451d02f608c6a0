import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useProcQuery } from '../../api/hooks';

interface PartnerPickerProps {
  value: string | null;
  onChange(id: string | null): void;
  label: string;
  placeholder?: string;
  required?: boolean;
  error?: React.ReactNode;
  w?: number | string;
  /** Only partners that may submit leads (the server still decides: a suspended one is refused with its reason). */
  activeOnly?: boolean;
  'data-testid'?: string;
}

/**
 * A searchable partner choice: the names matching what is typed, 50 at a time from `partners.list`
 * (a workspace may have thousands); the chosen partner stays listed even when the search moves on.
 */
export function PartnerPicker({ value, onChange, label, placeholder = 'Any partner', required, error, w, activeOnly, ...rest }: PartnerPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const chosen = useProcQuery('partners.get', { id: value ?? '' }, { enabled: value !== null });
  const labelOf = (p: { displayName: string; code: string }) => `${p.displayName} · ${p.code}`;
  // The box shows the chosen partner's label once picked: that is not a search.
  const typed = chosen.data && debounced === labelOf(chosen.data) ? '' : debounced;
  const list = useProcQuery(
    'partners.list',
    { ...(typed ? { q: typed } : {}), ...(activeOnly ? { status: 'active' as const } : {}), sort: { field: 'legalName', direction: 'asc' }, limit: 50 },
    { placeholderData: keepPreviousData },
  );
  const options = (list.data?.rows ?? []).map((p) => ({ value: p.id, label: labelOf(p) }));
  if (value && chosen.data && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: labelOf(chosen.data) });
  }
  return (
    <Select
      label={label}
      placeholder={placeholder}
      required={required}
      error={error}
      searchable
      clearable={!required}
      data={options}
      value={value}
      onChange={onChange}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={list.isFetching ? 'Searching…' : 'No partner matches'}
      comboboxProps={{ withinPortal: true }}
      w={w}
      data-testid={rest['data-testid']}
    />
  );
}

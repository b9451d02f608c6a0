import { useMemo } from 'react';
import { Select, type SelectProps } from '@mantine/core';

const COMMON = ['EUR', 'USD', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'INR', 'BRL', 'MXN', 'SGD'];

function currencyOptions() {
  const names = new Intl.DisplayNames(undefined, { type: 'currency' });
  const all = Intl.supportedValuesOf('currency');
  const label = (code: string) => `${code} — ${names.of(code) ?? code}`;
  const common = COMMON.filter((c) => all.includes(c));
  return [
    { group: 'Common', items: common.map((value) => ({ value, label: label(value) })) },
    { group: 'All currencies', items: all.filter((c) => !common.includes(c)).map((value) => ({ value, label: label(value) })) },
  ];
}

/** Searchable ISO 4217 picker ("EUR — Euro"); the value is the bare code. */
export function CurrencySelect(props: Omit<SelectProps, 'data' | 'searchable'>) {
  const data = useMemo(currencyOptions, []);
  return (
    <Select
      searchable
      data={data}
      nothingFoundMessage="No currency matches"
      maxDropdownHeight={280}
      allowDeselect={false}
      // Select the shown label on focus so that typing searches afresh instead of appending to "EUR — Euro".
      onFocus={(e) => e.currentTarget.select()}
      {...props}
    />
  );
}

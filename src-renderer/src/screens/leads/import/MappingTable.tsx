import { Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IMPORT_TARGETS, type ImportColumn, type ImportTarget } from '@shared/contract/leads';
import { IMPORT_TARGET_LABEL } from './import-labels';

const TARGET_OPTIONS = IMPORT_TARGETS.map((t) => ({ value: t, label: IMPORT_TARGET_LABEL[t] }));
const isTarget = (v: string | null): v is ImportTarget => v !== null && (IMPORT_TARGETS as readonly string[]).includes(v);

interface Props {
  mapping: ImportColumn[];
  rows: string[][];
  onTarget(index: number, target: ImportTarget): void;
  error?: React.ReactNode;
  disabled?: boolean;
}

/** The file's first rows, each column headed by its name in the file and where it goes. */
export function MappingTable({ mapping, rows, onTarget, error, disabled }: Props) {
  return (
    <Stack gap={6}>
      {error ? (
        <Text size="sm" c="red" role="alert" data-testid="import-mapping-error">
          {error}
        </Text>
      ) : null}
      <Paper withBorder radius="md" style={error ? { borderColor: 'var(--mantine-color-error)' } : undefined}>
        <Table.ScrollContainer minWidth={Math.max(600, mapping.length * 170)} type="native">
          <Table striped verticalSpacing={6} fz="sm" data-testid="import-mapping">
            <Table.Thead>
              <Table.Tr>
                {mapping.map((column, i) => (
                  <Table.Th key={i} style={{ verticalAlign: 'bottom', minWidth: 160 }} data-testid="import-column">
                    <Stack gap={4}>
                      <Text size="xs" fw={600} c="dimmed" truncate="end" title={column.header} data-testid="import-column-header">
                        {column.header || `Column ${i + 1}`}
                      </Text>
                      <Select
                        aria-label={`Lead field for column ${column.header || i + 1}`}
                        data={TARGET_OPTIONS}
                        value={column.target}
                        onChange={(v) => isTarget(v) && onTarget(i, v)}
                        allowDeselect={false}
                        size="xs"
                        disabled={disabled}
                        comboboxProps={{ withinPortal: true }}
                        styles={column.target === 'ignore' ? { input: { fontStyle: 'italic' } } : undefined}
                        data-testid="import-column-target"
                      />
                    </Stack>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, r) => (
                <Table.Tr key={r} data-testid="import-preview-row">
                  {mapping.map((column, c) => (
                    <Table.Td key={c} c={column.target === 'ignore' ? 'dimmed' : undefined} style={{ maxWidth: 240, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                      {row[c] ?? ''}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}

import { Badge, Checkbox, Group, Table, Text, Tooltip } from '@mantine/core';
import type { FinancePayout } from '@shared/contract/payouts/finance-types';
import { formatMoney } from '@shared/money';
import { formatDate } from '../../format/date';
import { METHOD_LABELS } from './MarkPaidDialog';
import { StatementButton } from './StatementButton';

interface Props {
  view: 'payable' | 'paid';
  rows: FinancePayout[];
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
  onToggleAll(): void;
}

/** The payouts of one tab with a checkbox each; what finance needs to pay (or book) them. */
export function FinanceTable({ view, rows, selected, onToggle, onToggleAll }: Props) {
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const some = rows.some((r) => selected.has(r.id));
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid={`finance-table-${view}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>
              <Checkbox aria-label="Select all" checked={all} indeterminate={some && !all} onChange={onToggleAll} data-testid="finance-select-all" />
            </Table.Th>
            <Table.Th>Payout</Table.Th>
            <Table.Th>Partner</Table.Th>
            <Table.Th>Period</Table.Th>
            <Table.Th ta="right">Lines</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th>{view === 'payable' ? 'Pays to' : 'Paid'}</Table.Th>
            <Table.Th>{view === 'payable' ? 'Approved by' : 'Reference'}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid={`finance-row-${r.number}`} bg={selected.has(r.id) ? 'var(--mantine-primary-color-light)' : undefined}>
              <Table.Td>
                <Checkbox aria-label={`Select ${r.number}`} checked={selected.has(r.id)} onChange={() => onToggle(r.id)} data-testid={`finance-select-${r.number}`} />
              </Table.Td>
              <Table.Td>
                {/* The "partial" badge goes under the number when the column is narrow, never over the partner beside it. */}
                <Group gap={4} wrap="wrap">
                  <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {r.number}
                  </Text>
                  {r.status === 'partially_approved' ? (
                    <Badge size="xs" color="yellow" variant="light" style={{ flexShrink: 0 }}>
                      partial
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.partner.name}</Text>
                <Text size="xs" c="dimmed">
                  {r.partner.code}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {r.period.start} – {r.period.end}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{r.lineCount}</Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={500}>
                  {formatMoney(r.approvedMinor, r.currency)}
                </Text>
                {r.approvedMinor !== r.totalMinor ? (
                  <Text size="xs" c="dimmed">
                    of {formatMoney(r.totalMinor, r.currency)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {view === 'payable' ? (
                  <>
                    <Text size="sm">{METHOD_LABELS[r.partnerPayoutMethod]}</Text>
                    <Group gap={4}>
                      <Text size="xs" c="dimmed">
                        {r.maskedAccount ?? 'no banking details'}
                      </Text>
                      {r.bankingOnHold ? (
                        <Tooltip label="Banking details changed and not yet re-verified by an admin: this payout can be neither paid nor exported.">
                          <Badge size="xs" color="red">
                            on hold
                          </Badge>
                        </Tooltip>
                      ) : null}
                    </Group>
                  </>
                ) : (
                  <>
                    <Text size="sm">{r.paymentDate}</Text>
                    <Text size="xs" c="dimmed">
                      {r.paymentMethod ? METHOD_LABELS[r.paymentMethod] : ''}
                      {r.paidBy ? ` by ${r.paidBy.name}` : ''}
                    </Text>
                  </>
                )}
              </Table.Td>
              <Table.Td>
                {view === 'payable' ? (
                  <>
                    <Text size="sm">{r.approvedBy?.name ?? '–'}</Text>
                    {r.approvedAt ? (
                      <Text size="xs" c="dimmed">
                        {formatDate(r.approvedAt)}
                      </Text>
                    ) : null}
                  </>
                ) : (
                  <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {r.paymentReference}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <StatementButton payoutId={r.id} number={r.number} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

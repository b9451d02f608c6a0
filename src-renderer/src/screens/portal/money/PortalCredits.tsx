import { useState } from 'react';
import { Button, EmptyState, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { IconCoins, IconPlus } from '@tabler/icons-react';
import { formatMoney } from '@shared/money';
import { useProcQuery } from '../../../api/hooks';
import { useCan } from '../../../api/use-can';
import { useCursorPages } from '../../../api/use-cursor-pages';
import { PortalPage } from '../shell/PortalPage';
import { QueryError } from '../../../components/QueryError';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { formatDay } from './format-day';
import { CreditStatusBadge } from '../../credits/CreditBadges';
import { CREDIT_KIND_LABEL } from '../../credits/credit-labels';
import { CreditRequestForm } from './CreditRequestForm';

/** `/portal/credits`: what the partner has earned or asked for, each with its status and the reason of a rejection or reversal. */
export function PortalCreditsScreen() {
  const canRequest = useCan('credits.request');
  const home = useProcQuery('portal.home', {});
  const pages = useCursorPages('credits.list', {}, 50);
  const [requesting, setRequesting] = useState(false);
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];
  const currency = home.data?.workspace.currency;

  return (
    <PortalPage
      title="Credits"
      description="Commissions and requested credits. A manager approves or rejects each one; rejected ones say why."
      actions={
        canRequest && currency ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setRequesting(true)} data-testid="credit-request-open">
            Request a credit
          </Button>
        ) : null
      }
    >
      {pages.error ? (
        <QueryError error={pages.error} onRetry={() => void pages.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={720} type="native">
            <Table verticalSpacing="sm" data-testid="portal-credits">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Lead</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Earned</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Reason / how</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pages.isPending ? (
                  <TableSkeleton columns={6} rows={3} />
                ) : (
                  rows.map((c) => (
                    <Table.Tr key={c.id} data-testid="portal-credit-row" data-credit-id={c.id} data-status={c.status}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {c.lead.contactName}
                        </Text>
                        {c.lead.company ? (
                          <Text size="xs" c="dimmed">
                            {c.lead.company}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{CREDIT_KIND_LABEL[c.kind]}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDay(c.earnedOn)}</Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" className="tabular" c={c.amountMinor < 0 ? 'red' : undefined}>
                          {formatMoney(c.amountMinor, c.currency)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <CreditStatusBadge status={c.status} data-testid="portal-credit-status" />
                      </Table.Td>
                      <Table.Td>
                        {c.reason ? (
                          <Text size="sm" data-testid="portal-credit-reason">
                            {c.reason}
                          </Text>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {c.calculationText}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages.isSuccess && rows.length === 0 ? (
            <EmptyState
              py="lg"
              icon={<IconCoins size={24} />}
              title="No credits yet"
              description="Credits appear when your leads are approved or converted, or when you request one."
            />
          ) : null}
        </Paper>
      )}
      {pages.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="portal-credits-more">
            Show more
          </Button>
        </Group>
      ) : null}
      <Modal opened={requesting} onClose={() => setRequesting(false)} title="Request a credit" size="md">
        {requesting && currency ? (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              For work on one of your leads that no commission covers. It waits for a manager’s decision; nothing is credited automatically.
            </Text>
            <CreditRequestForm currency={currency} onDone={() => setRequesting(false)} />
          </Stack>
        ) : null}
      </Modal>
    </PortalPage>
  );
}

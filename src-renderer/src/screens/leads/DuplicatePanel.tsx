import { Alert, Group, Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import type { Lead, LeadMatchKey } from '@shared/contract/leads/types';
import { useProcQuery } from '../../api/hooks';
import { formatDate } from '../../format/date';
import { RouterAnchor } from '../../router/links';
import { LeadStatusBadge } from './badges';

const MATCH_LABEL: Record<LeadMatchKey, string> = { email: 'email', phone: 'phone', companyDomain: 'company domain' };

const COMPARED = [
  { key: 'contactName', label: 'Contact' },
  { key: 'company', label: 'Company' },
  { key: 'email', label: 'Email' },
  { key: 'phone', label: 'Phone' },
] as const;

/**
 * The channel-conflict panel: the earlier live lead the server matched this one to (and on which
 * keys), side by side with it, and a link to it. The finding is the server's; the table only puts
 * the two registrations next to each other so the reviewer can judge.
 */
export function DuplicatePanel({ lead }: { lead: Lead }) {
  const match = lead.duplicate?.view === 'staff' ? lead.duplicate.duplicateOf : null;
  const earlier = useProcQuery('leads.get', { id: match?.leadId ?? '' }, { enabled: match !== null });
  if (!match) return null;
  const other = earlier.data;
  const keys = match.matchedOn.map((k) => MATCH_LABEL[k]).join(', ');
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconCopy size={18} />}
      title={`Possible duplicate: same ${keys} as a lead from ${formatDate(match.submittedAt)}`}
      data-testid="lead-duplicate-panel"
    >
      <Text size="sm" mb="sm">
        {match.partner.name} registered it first, and the earlier registration wins by default; approve this one only if it is a different deal.{' '}
        <RouterAnchor to="/leads/$id" params={{ id: match.leadId }} size="sm" fw={600} data-testid="lead-duplicate-link">
          Open the earlier lead
        </RouterAnchor>
      </Text>
      {earlier.isPending ? (
        <Skeleton height={96} />
      ) : other ? (
        <Table withTableBorder={false} verticalSpacing={4} horizontalSpacing="xs" fz="sm" layout="fixed" data-testid="lead-duplicate-compare">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">
                <VisuallyHidden>Field</VisuallyHidden>
              </Table.Th>
              <Table.Th>This lead</Table.Th>
              <Table.Th>
                <Group gap={6} wrap="nowrap">
                  <span>Earlier lead</span>
                  <LeadStatusBadge status={other.status} size="xs" />
                </Group>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {COMPARED.map(({ key, label }) => (
              <Table.Tr key={key}>
                <Table.Td c="dimmed">{label}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>{lead[key] ?? '—'}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>{other[key] ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td c="dimmed">Partner</Table.Td>
              <Table.Td>{lead.partner.name}</Table.Td>
              <Table.Td>{other.partner.name}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td c="dimmed">Submitted</Table.Td>
              <Table.Td>{formatDate(lead.submittedAt)}</Table.Td>
              <Table.Td>{formatDate(other.submittedAt)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">The earlier lead cannot be shown: {earlier.error?.message ?? 'not found'}.</Text>
      )}
    </Alert>
  );
}

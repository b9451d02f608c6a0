import type { ReactNode } from 'react';
import { Anchor, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatMoney } from '@shared/money';
import { useSession } from '../../stores/session-store';
import { formatDateTime } from '../../format/date';
import { RouterAnchor } from '../../router/links';
import { SUBMISSION_TYPE_LABEL } from './lead-labels';
import { LeadCreditBadge } from '../credits/CreditBadges';
import type { Lead } from '@shared/contract/leads/types';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ wordBreak: 'break-word' }} data-testid={testId}>
        {children ?? '—'}
      </Text>
    </Stack>
  );
}

/**
 * The lead's contact and deal fields, as submitted; empty ones show a dash (what is missing
 * matters to the reviewer). `inPane`: the queue's pane already names contact and company above.
 */
export function LeadFacts({ lead, cols = 2, inPane = false }: { lead: Lead; cols?: number; inPane?: boolean }) {
  const { tenant } = useSession();
  const money = (minor: number | null) => (minor === null ? null : formatMoney(minor, tenant.currency));
  const extra = lead.extra;
  return (
    <Stack gap="md">
      <SimpleGrid cols={cols} spacing="md" verticalSpacing="sm">
        {inPane ? null : <Fact label="Contact">{lead.contactName}</Fact>}
        {inPane ? null : <Fact label="Company">{lead.company}</Fact>}
        <Fact label="Email">{lead.email ? <Anchor href={`mailto:${lead.email}`} size="sm">{lead.email}</Anchor> : null}</Fact>
        <Fact label="Phone">{lead.phone}</Fact>
        <Fact label="Job title">{lead.jobTitle}</Fact>
        <Fact label="Country">{lead.country}</Fact>
        <Fact label="Product interest">{lead.productInterest}</Fact>
        <Fact label="Estimated value" testId="lead-estimated-value">
          {money(lead.estimatedValueMinor)}
        </Fact>
        <Fact label="Partner">
          {/* Underlined: the partner code follows it in the same line, and colour alone must not mark a link there. */}
          <RouterAnchor to="/partners/$id/$tab" params={{ id: lead.partner.id, tab: 'profile' }} size="sm" underline="always">
            {lead.partner.name}
          </RouterAnchor>{' '}
          <Text span size="xs" c="dimmed" ff="monospace">
            {lead.partner.code}
          </Text>
        </Fact>
        <Fact label="Submitted">
          {formatDateTime(lead.submittedAt)} · {SUBMISSION_TYPE_LABEL[lead.type]}
        </Fact>
        {lead.website ? <Fact label="Website">{lead.website}</Fact> : null}
        {lead.claimedBy ? (
          <Fact label="In review by" testId="lead-claimed-by">
            {lead.claimedBy.name}
            {lead.claimedAt ? ` · ${formatDateTime(lead.claimedAt)}` : ''}
          </Fact>
        ) : null}
        {lead.decidedBy ? (
          <Fact label="Decided by">
            {lead.decidedBy.name}
            {lead.decidedAt ? ` · ${formatDateTime(lead.decidedAt)}` : ''}
          </Fact>
        ) : null}
        {lead.crmLeadId ? <Fact label="CRM lead id">{lead.crmLeadId}</Fact> : null}
        {lead.convertedValueMinor !== null ? (
          <Fact label="Deal value" testId="lead-deal-value">
            {money(lead.convertedValueMinor)}
            {lead.convertedOn ? ` · ${lead.convertedOn}` : ''}
          </Fact>
        ) : null}
        <Fact label="Credit" testId="lead-credit-status">
          <LeadCreditBadge status={lead.creditStatus} size="sm" />
        </Fact>
      </SimpleGrid>
      {lead.notes ? <Fact label="Notes">{lead.notes}</Fact> : null}
      {extra.length > 0 ? (
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={500}>
            Extra fields
          </Text>
          {extra.map(({ key, value }) => (
            <Group key={key} gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" ff="monospace" c="dimmed" miw={120}>
                {key}
              </Text>
              <Text size="sm" style={{ wordBreak: 'break-word' }}>
                {value}
              </Text>
            </Group>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

import { Text, Timeline } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconSend, IconSearch, IconTrophy } from '@tabler/icons-react';
import type { Lead } from '@shared/contract/leads/types';
import { formatDate, formatDateTime, formatMoney } from '../shell/format';

interface Step {
  key: string;
  title: string;
  at: string | null;
  detail?: string | null;
  icon: typeof IconSend;
}

/**
 * The lead's status history as the partner may see it, from the lead itself (the audit trail
 * is staff-only): submitted, in review, decided, converted. No reviewer names.
 */
function stepsOf(lead: Lead, currency: string): Step[] {
  const steps: Step[] = [{ key: 'submitted', title: 'Submitted', at: lead.submittedAt, icon: IconSend }];
  if (lead.status === 'under_review' || lead.claimedAt) steps.push({ key: 'review', title: 'In review', at: lead.claimedAt, icon: IconSearch });
  if (lead.status === 'approved' || lead.status === 'converted') steps.push({ key: 'approved', title: 'Approved', at: lead.status === 'approved' ? lead.decidedAt : null, icon: IconCircleCheck });
  if (lead.status === 'rejected') steps.push({ key: 'rejected', title: 'Rejected', at: lead.decidedAt, detail: lead.rejectionReason, icon: IconCircleX });
  if (lead.status === 'converted') {
    const value = lead.convertedValueMinor !== null ? formatMoney(lead.convertedValueMinor, currency) : null;
    steps.push({ key: 'converted', title: 'Converted', at: null, detail: [lead.convertedOn ? `Won on ${formatDate(lead.convertedOn)}` : null, value ? `deal value ${value}` : null].filter(Boolean).join(', '), icon: IconTrophy });
  }
  return steps;
}

export function LeadTimeline({ lead, currency }: { lead: Lead; currency: string }) {
  const steps = stepsOf(lead, currency);
  return (
    <Timeline active={steps.length - 1} bulletSize={24} lineWidth={2} data-testid="portal-lead-history">
      {steps.map(({ key, title, at, detail, icon: StepIcon }) => (
        <Timeline.Item key={key} title={title} bullet={<StepIcon size={14} aria-hidden />} data-testid="portal-lead-step" data-step={key}>
          {at ? (
            <Text size="xs" c="dimmed">
              {formatDateTime(at)}
            </Text>
          ) : null}
          {detail ? (
            <Text size="sm" style={{ wordBreak: 'break-word' }}>
              {detail}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

import { Alert, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import type { Lead, LeadMatchKey } from '@shared/contract/leads/types';
import { RouterAnchor } from '../../../router/links';

const MATCH_LABEL: Record<LeadMatchKey, string> = { email: 'e-mail', phone: 'phone number', companyDomain: 'company domain' };

/**
 * The duplicate warning as a partner sees it: an earlier registration shares these keys, and
 * the earliest one wins by default. Whose it is stays unsaid (the server sends the partner view:
 * no partner, no date); only when it is this partner's own earlier lead is there a link to it.
 */
export function DuplicateNotice({ lead }: { lead: Lead }) {
  const dup = lead.duplicate;
  if (!lead.duplicateFlag && !dup) return null;
  const keys = dup?.view === 'partner' ? dup.matchedOn.map((k) => MATCH_LABEL[k]).join(', ') : '';
  const ownLeadId = dup?.view === 'partner' ? dup.ownLeadId : null;
  return (
    <Alert color="orange" variant="light" icon={<IconCopy size={18} />} title="Possible duplicate" data-testid="portal-lead-duplicate">
      <Text size="sm">
        {keys ? `Another registration with the same ${keys} was received earlier. ` : 'A matching registration was received earlier. '}
        The earlier registration wins by default; a reviewer decides whether this one is a different deal.
      </Text>
      {ownLeadId ? (
        <Text size="sm" mt={6}>
          It is one of your own leads:{' '}
          <RouterAnchor to="/portal/leads/$id" params={{ id: ownLeadId }} size="sm" fw={600} data-testid="portal-lead-duplicate-own">
            open the earlier lead
          </RouterAnchor>
          .
        </Text>
      ) : null}
    </Alert>
  );
}

import type { KeyboardEvent } from 'react';
import { Table, Text } from '@mantine/core';
import type { PartnerSummary } from '@shared/contract/partners';
import { formatDate } from '../../format/date';
import { RouterAnchor } from '../../router/links';
import { KycBadge, PartnerStatusBadge } from './badges';
import { TIER_LABEL, TYPE_LABEL, countryName } from './partner-labels';

/**
 * Fixed row height: the virtualiser places rows without measuring them, so every cell holds one
 * truncated line (the name cell two) and nothing may wrap.
 */
export const ROW_HEIGHT = 61;

interface PartnerRowProps {
  partner: PartnerSummary;
  /** Position in the whole list (0-based), for `aria-rowindex` and keyboard moves. */
  index: number;
  /** The one row in the Tab order (roving tabindex): arrows move between rows, Tab leaves the table. */
  tabbable: boolean;
  onOpen(): void;
  onKeyDown(event: KeyboardEvent<HTMLTableRowElement>): void;
  onFocus(): void;
}

export function PartnerRow({ partner, index, tabbable, onOpen, onKeyDown, onFocus }: PartnerRowProps) {
  return (
    <Table.Tr
      data-testid="partner-row"
      data-partner-id={partner.id}
      data-status={partner.status}
      data-index={index}
      // Row 1 is the header.
      aria-rowindex={index + 2}
      tabIndex={tabbable ? 0 : -1}
      // The whole row opens the partner for the mouse and, focused, with Enter; screen readers also have the name's link.
      onClick={onOpen}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      className="mantine-focus-auto"
      // The ring inside the row: the scroll container clips anything drawn outside it.
      style={{ cursor: 'pointer', height: ROW_HEIGHT, outlineOffset: -2 }}
    >
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {partner.code}
        </Text>
      </Table.Td>
      <Table.Td>
        <RouterAnchor
          to="/partners/$id/$tab"
          params={{ id: partner.id, tab: 'profile' }}
          size="sm"
          fw={500}
          c="var(--mantine-color-text)"
          truncate="end"
          display="block"
          onClick={(e) => e.stopPropagation()}
          data-testid="partner-open"
        >
          {partner.legalName}
        </RouterAnchor>
        <Text size="xs" c="dimmed" truncate="end">
          {partner.displayName !== partner.legalName ? `${partner.displayName} · ` : ''}
          {TYPE_LABEL[partner.type]} · {partner.contactEmail}
        </Text>
      </Table.Td>
      <Table.Td>
        <PartnerStatusBadge status={partner.status} size="sm" />
      </Table.Td>
      <Table.Td>
        <KycBadge status={partner.kycStatus} size="sm" />
      </Table.Td>
      <Table.Td>
        <Text size="sm" truncate="end">
          {TIER_LABEL[partner.tier]}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" title={countryName(partner.country)}>
          {partner.country}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="tabular" style={{ whiteSpace: 'nowrap' }}>
          {formatDate(partner.createdAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

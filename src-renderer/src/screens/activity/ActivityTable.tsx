import { Code, Table, Text } from '@mantine/core';
import type { ActivityEntry } from '@shared/contract';
import { formatDateTime } from '../../format/date';
import { TableSkeleton } from '../../components/TableSkeleton';
import { ActivityDetails } from './ActivityDetails';
import { RouterAnchor } from '../../router/links';
import type { PartnerTab } from '../partners/partner-tabs';

const ACTOR_TYPE_LABEL: Record<ActivityEntry['actorType'], string> = {
  staff: 'Staff',
  partner_user: 'Partner user',
  system: 'System',
  anonymous: 'Anonymous',
};

function ActorCell({ entry }: { entry: ActivityEntry }) {
  if (entry.actorName) {
    return (
      <div>
        <Text size="sm">{entry.actorName}</Text>
        {entry.actorType !== 'staff' ? (
          <Text size="xs" c="dimmed">
            {ACTOR_TYPE_LABEL[entry.actorType]}
          </Text>
        ) : null}
      </div>
    );
  }
  return (
    <Text size="sm" c="dimmed" fs="italic">
      {ACTOR_TYPE_LABEL[entry.actorType]}
    </Text>
  );
}

const RESOURCE_TYPE_LABEL: Record<string, string> = {
  partner: 'Partner',
  lead: 'Lead',
  staff_user: 'Staff',
  workspace: 'Workspace',
};

/** The partner tab a row is about: its documents, its portal users, its banking, else its profile. */
function partnerTab(e: ActivityEntry): PartnerTab {
  if (typeof e.details.documentId === 'string' || e.action.startsWith('partner.kyc_')) return 'kyc';
  if (typeof e.details.userId === 'string' || e.action.startsWith('partner_user.')) return 'users';
  if (e.action.startsWith('partner.banking_')) return 'banking';
  return 'profile';
}

/** What the row is about, by name, linked to its screen where it has one; the id stays in the tooltip. */
function ResourceCell({ entry: e }: { entry: ActivityEntry }) {
  const kind = RESOURCE_TYPE_LABEL[e.resourceType] ?? e.resourceType;
  const common = { size: 'sm', lineClamp: 2, style: { wordBreak: 'break-word' as const }, title: e.resourceId ?? undefined, 'data-testid': 'activity-resource' };
  let name = null;
  if (e.resourceId && e.resourceLabel && e.resourceType === 'partner') {
    name = (
      <RouterAnchor to="/partners/$id/$tab" params={{ id: e.resourceId, tab: partnerTab(e) }} {...common}>
        {e.resourceLabel}
      </RouterAnchor>
    );
  } else if (e.resourceId && e.resourceLabel && e.resourceType === 'lead') {
    name = (
      <RouterAnchor to="/leads/$id" params={{ id: e.resourceId }} {...common}>
        {e.resourceLabel}
      </RouterAnchor>
    );
  } else if (e.resourceLabel && e.resourceType === 'staff_user') {
    name = (
      <RouterAnchor to="/staff" {...common}>
        {e.resourceLabel}
      </RouterAnchor>
    );
  } else if (e.resourceLabel) {
    name = <Text {...common}>{e.resourceLabel}</Text>;
  } else if (e.resourceId) {
    // Nothing to call it by (an unknown kind): the bare id, marked as such.
    name = (
      <Text {...common} size="xs" ff="monospace" c="dimmed" truncate="end" lineClamp={undefined}>
        {e.resourceId}
      </Text>
    );
  }
  return (
    <div>
      {name}
      <Text size="xs" c="dimmed">
        {kind}
      </Text>
    </div>
  );
}

interface ActivityTableProps {
  entries: ActivityEntry[];
  /** Shows skeleton rows instead of the entries. */
  loading: boolean;
  /** The resource column: off where every entry is about the same resource (a partner's trail). */
  withResource?: boolean;
}

/** The audit trail as a table (Activity screen, a partner's Activity tab). */
export function ActivityTable({ entries, loading, withResource = true }: ActivityTableProps) {
  const columns = withResource ? 5 : 4;
  return (
    <Table.ScrollContainer minWidth={withResource ? 900 : 700} type="native">
      <Table data-testid="activity-table" layout="fixed" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={200}>Time</Table.Th>
            <Table.Th w={170}>Actor</Table.Th>
            <Table.Th w={200}>Action</Table.Th>
            {withResource ? <Table.Th w={230}>Resource</Table.Th> : null}
            <Table.Th>Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading ? (
            <TableSkeleton columns={columns} rows={8} />
          ) : (
            entries.map((e) => (
              <Table.Tr key={e.id} data-testid="activity-row" data-seq={e.seq} data-action={e.action}>
                <Table.Td>
                  <Text size="sm" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(e.at, true)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ActorCell entry={e} />
                </Table.Td>
                <Table.Td>
                  <Code fz="xs">{e.action}</Code>
                </Table.Td>
                {withResource ? (
                  <Table.Td>
                    <ResourceCell entry={e} />
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <ActivityDetails details={e.details} />
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

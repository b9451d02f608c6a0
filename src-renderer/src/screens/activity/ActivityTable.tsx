import { Badge, Code, Group, Table, Text, Tooltip } from '@mantine/core';
import type { ActivityEntry } from '@shared/contract';
import { formatDateTime } from '../../format/date';
import { TableSkeleton } from '../../components/TableSkeleton';
import { ActivityDetails } from './ActivityDetails';

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
            {withResource ? <Table.Th w={190}>Resource</Table.Th> : null}
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
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="light" color="gray" size="sm" tt="none" radius="sm">
                        {e.resourceType}
                      </Badge>
                      {e.resourceId ? (
                        <Tooltip label={e.resourceId}>
                          <Text size="xs" c="dimmed" ff="monospace" truncate="end">
                            {e.resourceId}
                          </Text>
                        </Tooltip>
                      ) : null}
                    </Group>
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

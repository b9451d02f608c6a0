import { useState } from 'react';
import { Button, EmptyState, Paper, Table, VisuallyHidden } from '@mantine/core';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useProcQuery } from '../../api/hooks';
import { useSession } from '../../stores/session-store';
import { useCan } from '../../api/use-can';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { TableSkeleton } from '../../components/TableSkeleton';
import { AddStaffModal } from './AddStaffModal';
import { StaffRow } from './StaffRow';

export function StaffScreen() {
  const session = useSession();
  // Managing staff (add, role, disable) is one access rule in the contract; the column follows it.
  const canManage = useCan('staff.add');
  const [adding, setAdding] = useState(false);
  const staff = useProcQuery('staff.list', {});
  const columns = canManage ? 6 : 5;

  const members = staff.data ? [...staff.data].sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.name.localeCompare(b.name)) : [];

  return (
    <>
      <PageHeader
        title="Staff"
        description={`People who work in ${session.tenant.name}, and what each may do.`}
        actions={
          canManage ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)} data-testid="staff-add">
              Add staff
            </Button>
          ) : null
        }
      />
      {staff.error ? (
        <QueryError error={staff.error} onRetry={() => void staff.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760} type="native">
            <Table data-testid="staff-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th w={170}>Role</Table.Th>
                  <Table.Th w={110}>Status</Table.Th>
                  <Table.Th w={170}>Last login</Table.Th>
                  {canManage ? (
                    <Table.Th w={110}>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {staff.isPending ? (
                  <TableSkeleton columns={columns} rows={4} />
                ) : (
                  members.map((m) => <StaffRow key={m.userId} member={m} withActions={canManage} isSelf={m.userId === session.user.id} />)
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {staff.isSuccess && members.length === 0 ? (
            <EmptyState py="xl" icon={<IconUsers size={26} />} title="No staff yet" description="Add the people who run this partner program." />
          ) : null}
        </Paper>
      )}
      {canManage ? <AddStaffModal opened={adding} onClose={() => setAdding(false)} /> : null}
    </>
  );
}

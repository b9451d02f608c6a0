import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Input } from '@shared/contract';
import { useContractForm } from '../../forms/use-contract-form';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { STAFF_ROLE_HINT, STAFF_ROLE_OPTIONS } from './staff-roles';

export function AddStaffModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const initialValues: Input<'staff.add'> = { name: '', email: '', role: 'viewer', password: '' };
  const { form, mutation: add, field, formError, onSubmit } = useContractForm('staff.add', {
    initialValues,
    onSuccess: (member) => {
      notifications.show({ color: 'green', title: 'Staff added', message: `${member.name} (${member.email}) joins this workspace at their next sign-in.` });
      form.reset();
      add.reset();
      onClose();
    },
  });
  const role = form.getValues().role;

  const close = () => {
    if (add.isPending) return;
    add.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Add staff" size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormErrorAlert error={formError} />
          <TextInput
            label="Name"
            required
            data-autofocus
            {...field('name')}
            data-testid="staff-name"
          />
          <TextInput
            label="Email"
            type="email"
            required
            {...field('email')}
            data-testid="staff-email"
          />
          <Select
            label="Role"
            required
            data={STAFF_ROLE_OPTIONS}
            allowDeselect={false}
            {...field('role')}
            description={STAFF_ROLE_HINT[role]}
            comboboxProps={{ withinPortal: true }}
            data-testid="staff-role"
          />
          <PasswordInput
            label="Initial password"
            description="At least 12 characters. Share it with them privately. Someone who already has a PartnerDesk account keeps their own password and is invited instead."
            required
            autoComplete="new-password"
            {...field('password')}
            data-testid="staff-password"
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close} disabled={add.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending} data-testid="staff-submit">
              Add staff
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

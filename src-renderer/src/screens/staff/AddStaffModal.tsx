import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { StaffRole } from '@shared/contract';
import { useProcMutation } from '../../api/hooks';
import { splitServerError } from '../../forms/server-errors';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { STAFF_ROLE_HINT, STAFF_ROLE_OPTIONS, isStaffRole } from './staff-roles';

const FIELDS = ['name', 'email', 'role', 'password'] as const;

export function AddStaffModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('viewer');
  const [password, setPassword] = useState('');

  const reset = () => {
    setName('');
    setEmail('');
    setRole('viewer');
    setPassword('');
  };
  const add = useProcMutation('staff.add', {
    inlineErrors: true,
    onSuccess: (member) => {
      notifications.show({ color: 'green', title: 'Staff added', message: `${member.name} can now sign in as ${member.email}.` });
      reset();
      add.reset();
      onClose();
    },
  });
  const errors = splitServerError(add.error, FIELDS);
  // A server error describes the values that were sent; once the user edits, it no longer applies.
  const edited = <T,>(set: (value: T) => void, value: T) => {
    set(value);
    if (add.error) add.reset();
  };

  const close = () => {
    if (add.isPending) return;
    add.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ name, email, role, password });
  };

  return (
    <Modal opened={opened} onClose={close} title="Add staff" size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormErrorAlert error={errors.form} />
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => edited(setName, e.currentTarget.value)}
            error={errors.fields.name}
            data-testid="staff-name"
          />
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => edited(setEmail, e.currentTarget.value)}
            error={errors.fields.email}
            data-testid="staff-email"
          />
          <Select
            label="Role"
            required
            data={STAFF_ROLE_OPTIONS}
            value={role}
            allowDeselect={false}
            onChange={(value) => isStaffRole(value) && edited(setRole, value)}
            description={STAFF_ROLE_HINT[role]}
            error={errors.fields.role}
            comboboxProps={{ withinPortal: true }}
            data-testid="staff-role"
          />
          <PasswordInput
            label="Initial password"
            description="At least 12 characters. Share it with them privately."
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => edited(setPassword, e.currentTarget.value)}
            error={errors.fields.password}
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

import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useProcMutation } from '../../api/hooks';
import { splitServerError } from '../../forms/server-errors';
import { CurrencySelect } from '../../components/CurrencySelect';
import { FormErrorAlert } from '../../components/FormErrorAlert';

const FIELDS = ['name', 'currency'] as const;

interface NewWorkspaceModalProps {
  opened: boolean;
  onClose(): void;
  defaultCurrency: string;
  onCreated(tenantId: string): void;
}

export function NewWorkspaceModal({ opened, onClose, defaultCurrency, onCreated }: NewWorkspaceModalProps) {
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState<string | null>(defaultCurrency);
  const create = useProcMutation('workspaces.create', {
    inlineErrors: true,
    onSuccess: (workspace) => {
      setName('');
      onCreated(workspace.id);
    },
  });
  const errors = splitServerError(create.error, FIELDS);
  // A server error describes the values that were sent; once the user edits, it no longer applies.
  const edited = <T,>(set: (value: T) => void, value: T) => {
    set(value);
    if (create.error) create.reset();
  };

  const close = () => {
    if (create.isPending) return;
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, currency: currency ?? '' });
  };

  return (
    <Modal opened={opened} onClose={close} title="New workspace" size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            A workspace is a separate partner program with its own partners, staff and currency. You become its admin.
          </Text>
          <FormErrorAlert error={errors.form} />
          <TextInput
            label="Workspace name"
            required
            data-autofocus
            value={name}
            onChange={(e) => edited(setName, e.currentTarget.value)}
            error={errors.fields.name}
            data-testid="workspace-name"
          />
          <CurrencySelect
            label="Currency"
            required
            value={currency}
            onChange={(v) => edited(setCurrency, v)}
            error={errors.fields.currency}
            data-testid="workspace-currency"
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="workspace-submit">
              Create and switch
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

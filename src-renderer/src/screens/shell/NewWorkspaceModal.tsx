import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useContractForm } from '../../forms/use-contract-form';
import { CurrencySelect } from '../../components/CurrencySelect';
import { FormErrorAlert } from '../../components/FormErrorAlert';

interface NewWorkspaceModalProps {
  opened: boolean;
  onClose(): void;
  defaultCurrency: string;
  onCreated(tenantId: string): void;
}

export function NewWorkspaceModal({ opened, onClose, defaultCurrency, onCreated }: NewWorkspaceModalProps) {
  const { form, mutation: create, field, formError, onSubmit } = useContractForm('workspaces.create', {
    initialValues: { name: '', currency: defaultCurrency },
    onSuccess: (workspace) => {
      form.reset();
      onCreated(workspace.id);
    },
  });

  const close = () => {
    if (create.isPending) return;
    create.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="New workspace" size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            A workspace is a separate partner program with its own partners, staff and currency. You become its admin.
          </Text>
          <FormErrorAlert error={formError} />
          <TextInput
            label="Workspace name"
            required
            data-autofocus
            {...field('name')}
            data-testid="workspace-name"
          />
          <CurrencySelect
            label="Currency"
            required
            {...field('currency')}
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

import { Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { API_KEY_SCOPES, type ApiKeyCreated, type ApiKeyScope } from '@shared/contract/portal';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useContractForm } from '../../../forms/use-contract-form';

export const SCOPE_LABEL: Record<ApiKeyScope, string> = {
  'leads:write': 'Submit leads',
  'leads:read': 'Read leads and their status',
};

/** A new key: its name and scopes. The answer holds the secret, which the caller shows once. */
export function ApiKeyCreateForm({ onCreated, onCancel }: { onCreated(created: ApiKeyCreated): void; onCancel(): void }) {
  const { form, field, formError, onSubmit, mutation } = useContractForm('portal.apiKeys.create', {
    initialValues: { name: '', scopes: ['leads:write', 'leads:read'] as ApiKeyScope[] },
    onSuccess: onCreated,
  });
  const scopes = field('scopes');
  return (
    <form onSubmit={onSubmit} noValidate data-testid="apikey-form">
      <Stack gap="md">
        <FormErrorAlert error={formError} />
        <TextInput label="Name" description="Which integration uses it, e.g. “CRM sync”." required data-autofocus autoComplete="off" {...field('name')} data-testid="apikey-name" />
        <Checkbox.Group label="Scopes" required value={form.getValues().scopes} onChange={(v) => form.setFieldValue('scopes', v as ApiKeyScope[])} error={scopes.error}>
          <Stack gap="xs" mt="xs">
            {API_KEY_SCOPES.map((s) => (
              <Checkbox key={s} value={s} label={`${s}: ${SCOPE_LABEL[s]}`} data-testid={`apikey-scope-${s}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="apikey-submit">
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { Button, Divider, Group, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useProcMutation } from '../../api/hooks';
import { enterApp } from '../../api/session-actions';
import { splitServerError } from '../../forms/server-errors';
import { AuthLayout } from '../../components/AuthLayout';
import { CurrencySelect } from '../../components/CurrencySelect';
import { FormErrorAlert } from '../../components/FormErrorAlert';

const FIELDS = ['workspaceName', 'currency', 'adminName', 'adminEmail', 'password'] as const;
const MIN_PASSWORD = 12;

/** First start of an empty instance: the first workspace and its admin, in one form. */
export function FirstRunScreen() {
  const [workspaceName, setWorkspaceName] = useState('');
  const [currency, setCurrency] = useState<string | null>('EUR');
  const [adminName, setAdminName] = useState('');
  const [adminEmail, setAdminEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [confirmError, setConfirmError] = useState<string | null>(null);

  const setup = useProcMutation('auth.setup', { inlineErrors: true, onSuccess: enterApp });
  const errors = splitServerError(setup.error, FIELDS);
  // A server error describes the values that were sent; once the user edits, it no longer applies.
  const edited = <T,>(set: (value: T) => void, value: T) => {
    set(value);
    if (setup.error) setup.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password !== confirm) {
      setConfirmError('The passwords do not match');
      return;
    }
    setConfirmError(null);
    setup.mutate({ workspaceName, currency: currency ?? '', adminName, adminEmail, password });
  };

  return (
    <AuthLayout
      title="Set up PartnerDesk"
      subtitle="Create your first workspace and the administrator account. You can add more workspaces and staff later."
      width={560}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormErrorAlert error={errors.form} />
          <Text fw={600} size="sm" c="dimmed" tt="uppercase">
            Workspace
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Workspace name"
              placeholder="Acme Partner Program"
              required
              autoFocus
              value={workspaceName}
              onChange={(e) => edited(setWorkspaceName, e.currentTarget.value)}
              error={errors.fields.workspaceName}
              data-testid="setup-workspace-name"
            />
            <CurrencySelect
              label="Currency"
              description="All amounts in this workspace use it"
              required
              value={currency}
              onChange={(v) => edited(setCurrency, v)}
              error={errors.fields.currency}
              data-testid="setup-currency"
            />
          </SimpleGrid>
          <Divider my={4} />
          <Text fw={600} size="sm" c="dimmed" tt="uppercase">
            Administrator
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Your name"
              required
              autoComplete="name"
              value={adminName}
              onChange={(e) => edited(setAdminName, e.currentTarget.value)}
              error={errors.fields.adminName}
              data-testid="setup-admin-name"
            />
            <TextInput
              label="Email"
              type="email"
              required
              autoComplete="email"
              value={adminEmail}
              onChange={(e) => edited(setAdminEmail, e.currentTarget.value)}
              error={errors.fields.adminEmail}
              data-testid="setup-admin-email"
            />
            <PasswordInput
              label="Password"
              description={`At least ${MIN_PASSWORD} characters`}
              required
              autoComplete="new-password"
              value={password}
              onChange={(e) => edited(setPassword, e.currentTarget.value)}
              error={errors.fields.password}
              data-testid="setup-password"
            />
            <PasswordInput
              label="Confirm password"
              description="Type it again"
              required
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => {
                setConfirm(e.currentTarget.value);
                if (confirmError) setConfirmError(null);
              }}
              error={confirmError}
              data-testid="setup-password-confirm"
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button type="submit" loading={setup.isPending} data-testid="setup-submit">
              Create workspace
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}

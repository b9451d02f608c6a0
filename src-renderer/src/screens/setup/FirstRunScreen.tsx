import { Button, Divider, Group, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { enterApp } from '../../api/session-actions';
import { useSessionStore } from '../../stores/session-store';
import { useContractForm } from '../../forms/use-contract-form';
import { AuthLayout } from '../../components/AuthLayout';
import { CurrencySelect } from '../../components/CurrencySelect';
import { FormErrorAlert } from '../../components/FormErrorAlert';

const MIN_PASSWORD = 12;

/** First start of an empty instance: the first workspace and its admin, in one form. */
export function FirstRunScreen() {
  // A connected desktop sets up the server: whoever started it has the code, as in a browser.
  const connected = useSessionStore((s) => s.connection?.mode === 'connected');
  const serverMode = !window.partnerDesk || connected;
  const { field, formError, mutation: setup, onSubmit } = useContractForm('auth.setup', {
    initialValues: { workspaceName: '', currency: 'EUR', adminName: '', adminEmail: '', password: '', confirm: '', setupCode: '' },
    // The confirmation is the form's own check; the contract takes the password once. A local
    // desktop's transport passes the set-up code itself, so only a server's set-up sends one.
    toInput: ({ confirm: _confirm, setupCode, ...input }) => ({ input: serverMode ? { ...input, setupCode } : input }),
    extraErrors: (v): Record<string, string> => (v.password !== v.confirm ? { confirm: 'The passwords do not match' } : {}),
    onSuccess: enterApp,
  });

  return (
    <AuthLayout
      title="Set up PartnerDesk"
      subtitle="Create your first workspace and the administrator account. You can add more workspaces and staff later."
      width={560}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormErrorAlert error={formError} />
          {serverMode ? (
            <TextInput
              label="Set-up code"
              description="Printed on the console where PartnerDesk was started, in a line “set-up code: …”. Only whoever started it can set it up."
              placeholder="XXXX-XXXX-XXXX"
              required
              autoFocus
              autoComplete="off"
              spellCheck={false}
              {...field('setupCode')}
              data-testid="setup-code"
            />
          ) : null}
          <Text fw={600} size="sm" c="dimmed" tt="uppercase">
            Workspace
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Workspace name"
              placeholder="Acme Partner Program"
              required
              autoFocus={!serverMode}
              {...field('workspaceName')}
              data-testid="setup-workspace-name"
            />
            <CurrencySelect
              label="Currency"
              description="All amounts in this workspace use it"
              required
              {...field('currency')}
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
              {...field('adminName')}
              data-testid="setup-admin-name"
            />
            <TextInput
              label="Email"
              type="email"
              required
              autoComplete="email"
              {...field('adminEmail')}
              data-testid="setup-admin-email"
            />
            <PasswordInput
              label="Password"
              description={`At least ${MIN_PASSWORD} characters`}
              required
              autoComplete="new-password"
              {...field('password')}
              data-testid="setup-password"
            />
            <PasswordInput
              label="Confirm password"
              description="Type it again"
              required
              autoComplete="new-password"
              {...field('confirm')}
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

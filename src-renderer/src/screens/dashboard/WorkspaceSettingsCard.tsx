import { Card, Group, Stack, Switch, Text } from '@mantine/core';
import { useProcMutation, useProcQuery } from '../../api/hooks';
import { useSession } from '../../stores/session-store';

/** Workspace rules that change what the app allows; admins change them, everyone can read them. */
export function WorkspaceSettingsCard() {
  const session = useSession();
  const settings = useProcQuery('workspaces.settings', {});
  const update = useProcMutation('workspaces.updateSettings');
  const isAdmin = session.role === 'admin';
  return (
    <Card withBorder padding="lg" radius="md" data-testid="workspace-settings">
      <Stack gap="xs">
        <Text fw={600}>Workspace rules</Text>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Text size="sm">Approval needs verified KYC</Text>
            <Text size="xs" c="dimmed">
              Partners can be approved only once every required document is verified and KYC is signed off.
            </Text>
          </Stack>
          <Switch
            checked={settings.data?.approvalNeedsVerifiedKyc ?? true}
            disabled={!isAdmin || settings.isLoading || update.isPending}
            onChange={(e) => update.mutate({ approvalNeedsVerifiedKyc: e.currentTarget.checked })}
            aria-label="Approval needs verified KYC"
            data-testid="setting-approval-needs-kyc"
          />
        </Group>
      </Stack>
    </Card>
  );
}

import { Card, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { timeZoneChoices } from '@shared/calendar';
import { useProcMutation, useProcQuery } from '../../api/hooks';
import { useCan } from '../../api/use-can';

/** Every IANA zone this runtime knows, UTC first; computed once (about 400 names). */
let zoneOptions: string[] | null = null;
const zones = () => (zoneOptions ??= timeZoneChoices());

/** Workspace rules that change what the app allows; those who may (the contract's access) change them, everyone can read them. */
export function WorkspaceSettingsCard() {
  const settings = useProcQuery('workspaces.settings', {});
  const update = useProcMutation('workspaces.updateSettings');
  const canChange = useCan('workspaces.updateSettings');
  const busy = !canChange || settings.isLoading || update.isPending;
  return (
    <Card withBorder padding="lg" radius="md" data-testid="workspace-settings">
      <Stack gap="md">
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
            disabled={busy}
            onChange={(e) => update.mutate({ approvalNeedsVerifiedKyc: e.currentTarget.checked })}
            aria-label="Approval needs verified KYC"
            data-testid="setting-approval-needs-kyc"
          />
        </Group>
        <Select
          label="Time zone"
          description="Its calendar day is “today” for document expiry dates."
          data={zones()}
          value={settings.data?.timeZone ?? null}
          searchable
          allowDeselect={false}
          nothingFoundMessage="No such time zone"
          disabled={busy}
          onChange={(zone) => {
            if (zone && zone !== settings.data?.timeZone) update.mutate({ timeZone: zone });
          }}
          comboboxProps={{ withinPortal: true }}
          data-testid="setting-time-zone"
        />
      </Stack>
    </Card>
  );
}

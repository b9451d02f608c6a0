import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBuilding, IconCoin, IconShieldCheck, type Icon } from '@tabler/icons-react';
import { useSession } from '../../stores/session-store';
import { PageHeader } from '../../components/PageHeader';
import { roleLabel } from '../../components/RoleBadge';
import { formatMoney } from '@shared/money';
import { WorkspaceSettingsCard } from './WorkspaceSettingsCard';
import { useCan } from '../../api/use-can';
import { useProcQuery } from '../../api/hooks';
import { LeadWorkCards } from './LeadWorkCards';
import { LeadsPerDayChart } from './LeadsPerDayChart';

/** The work waiting in the lead review queue, for the roles the contract lets read it. */
function LeadWork() {
  const dashboard = useProcQuery('leads.dashboard', {});
  return (
    <Stack mt="md" gap="md">
      <LeadWorkCards data={dashboard.data} />
      {dashboard.data ? <LeadsPerDayChart perDay={dashboard.data.perDay} /> : null}
    </Stack>
  );
}

function SummaryCard({ icon: CardIcon, label, value, hint }: { icon: Icon; label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="lg" radius="md">
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon size={40} radius="md" variant="light">
          <CardIcon size={22} stroke={1.6} />
        </ThemeIcon>
        <Stack gap={2} miw={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          <Text size="lg" fw={600} truncate="end">
            {value}
          </Text>
          {hint ? (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Card>
  );
}

/** A welcome and the workspace at a glance; program statistics come with the partner slices. */
export function DashboardScreen() {
  const session = useSession();
  const firstName = session.user.name.split(/\s+/)[0] ?? session.user.name;
  const canSeeLeads = useCan('leads.dashboard');
  return (
    <>
      <PageHeader title={`Welcome, ${firstName}`} description="An overview of your partner program." />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" data-testid="dashboard-summary">
        <SummaryCard icon={IconBuilding} label="Workspace" value={session.tenant.name} hint={`${session.workspaces.length} workspace(s) available to you`} />
        <SummaryCard icon={IconCoin} label="Currency" value={session.tenant.currency} hint={`Amounts look like ${formatMoney(123456, session.tenant.currency)}`} />
        <SummaryCard icon={IconShieldCheck} label="Your role" value={roleLabel(session.role)} hint={session.user.email} />
      </SimpleGrid>
      {canSeeLeads ? <LeadWork /> : null}
      <Stack mt="md">
        <WorkspaceSettingsCard />
      </Stack>
    </>
  );
}

import { Alert, Badge, EmptyState, Group, Paper, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconBuildingBank,
  IconCoin,
  IconFileCertificate,
  IconHistory,
  IconReceipt2,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useProcQuery } from '../../api/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { RouterAnchor } from '../../router/links';
import { isPartnerTab, type PartnerTab } from './partner-tabs';
import { lastPartnerListSearch } from './list-search';
import { formatDateTime } from '../../format/date';
import { QueryError } from '../../components/QueryError';
import { KycBadge, PartnerStatusBadge } from './badges';
import { STATUS_LABEL, STATUS_REASON_COLOR, TYPE_LABEL } from './partner-labels';
import { StatusActions } from './StatusActions';
import { ProfileTab } from './tabs/ProfileTab';
import { KycTab } from './tabs/KycTab';
import { BankingTab } from './tabs/BankingTab';
import { TermsTab } from './tabs/TermsTab';
import { UsersTab } from './tabs/UsersTab';
import { PartnerActivityTab } from './tabs/PartnerActivityTab';
import { MoneyTab } from './tabs/MoneyTab';

const detailRoute = getRouteApi('/_staff/partners/$id/$tab');

const TABS: readonly { value: PartnerTab; label: string; icon: typeof IconUserCircle }[] = [
  { value: 'profile', label: 'Profile', icon: IconUserCircle },
  { value: 'kyc', label: 'KYC', icon: IconFileCertificate },
  { value: 'banking', label: 'Banking', icon: IconBuildingBank },
  { value: 'terms', label: 'Terms', icon: IconReceipt2 },
  { value: 'money', label: 'Money', icon: IconCoin },
  { value: 'users', label: 'Users', icon: IconUsers },
  { value: 'activity', label: 'Activity', icon: IconHistory },
];

/** Back to the list as it was left (filters, sort, page). */
function BackLink() {
  return (
    <RouterAnchor to="/partners" search={lastPartnerListSearch()} size="sm" mb="xs" display="inline-block" data-testid="partner-back">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={14} />
        Partners
      </Group>
    </RouterAnchor>
  );
}

export function PartnerDetail({ partnerId }: { partnerId: string }) {
  // The open tab is the URL's last segment: Back/Forward and reload restore it.
  const { tab } = detailRoute.useParams();
  const navigate = useNavigate();
  const setTab = (next: string | null) => {
    if (isPartnerTab(next) && next !== tab) void navigate({ to: '/partners/$id/$tab', params: { id: partnerId, tab: next } });
  };
  const query = useProcQuery('partners.get', { id: partnerId });
  const partner = query.data;

  if (query.error && !partner) {
    return (
      <>
        <BackLink />
        {query.error.code === 'not_found' ? (
          <EmptyState
            py="xl"
            icon={<IconUsersGroup size={26} />}
            title="This partner no longer exists"
            description="It was deleted, or belongs to another workspace."
          />
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        )}
      </>
    );
  }

  if (!partner) {
    return (
      <>
        <BackLink />
        <Stack gap="sm">
          <Skeleton height={28} width={320} />
          <Skeleton height={16} width={220} />
          <Skeleton height={240} mt="lg" />
        </Stack>
      </>
    );
  }

  // The reason is shown for the statuses whose label table gives it a colour (a restriction or a refusal).
  const reasonColor = partner.statusReason ? STATUS_REASON_COLOR[partner.status] : null;

  return (
    <>
      <BackLink />
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap" data-testid="partner-detail" data-partner-id={partner.id}>
        <Stack gap={6} miw={0}>
          <Group gap="sm" wrap="nowrap" align="center">
            <Title order={1} size="h2" data-testid="partner-title" style={{ wordBreak: 'break-word' }}>
              {partner.displayName}
            </Title>
          </Group>
          <Group gap="xs">
            <Text size="sm" ff="monospace" data-testid="partner-code-display">
              {partner.code}
            </Text>
            <Text size="sm" c="dimmed">
              ·
            </Text>
            <Text size="sm" c="dimmed">
              {TYPE_LABEL[partner.type]}
            </Text>
            {partner.displayName !== partner.legalName ? (
              <>
                <Text size="sm" c="dimmed">
                  ·
                </Text>
                <Text size="sm" c="dimmed">
                  {partner.legalName}
                </Text>
              </>
            ) : null}
          </Group>
          <Group gap={6}>
            <PartnerStatusBadge status={partner.status} data-testid="partner-status" />
            <KycBadge status={partner.kycStatus} withLabel data-testid="partner-kyc-status" />
            {partner.bankingOnHold ? (
              <Badge color="orange" variant="filled" radius="sm" tt="none" leftSection={<IconAlertTriangle size={12} />} data-testid="partner-banking-hold">
                Banking on hold
              </Badge>
            ) : null}
          </Group>
        </Stack>
        <StatusActions partner={partner} />
      </Group>

      {reasonColor ? (
        <Alert color={reasonColor} variant="light" mb="md" data-testid="partner-status-reason">
          <Text size="sm">
            <Text span fw={600}>
              {STATUS_LABEL[partner.status]}
              {partner.statusChangedAt ? ` on ${formatDateTime(partner.statusChangedAt)}` : ''}:
            </Text>{' '}
            {partner.statusReason}
          </Text>
        </Alert>
      ) : null}

      <Paper withBorder radius="md">
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List px="sm">
            {TABS.map(({ value, label, icon: TabIcon }) => (
              <Tabs.Tab key={value} value={value} leftSection={<TabIcon size={16} stroke={1.6} />} data-testid={`tab-${value}`}>
                {label}
                {value === 'banking' && partner.bankingOnHold ? (
                  <Badge ml={6} size="xs" color="orange" variant="light" radius="sm" tt="none">
                    on hold
                  </Badge>
                ) : null}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="profile" p="lg">
            <ProfileTab partner={partner} />
          </Tabs.Panel>
          <Tabs.Panel value="kyc" p="lg">
            <KycTab partner={partner} />
          </Tabs.Panel>
          <Tabs.Panel value="banking" p="lg">
            <BankingTab partner={partner} />
          </Tabs.Panel>
          <Tabs.Panel value="terms" p="lg">
            <TermsTab partner={partner} />
          </Tabs.Panel>
          <Tabs.Panel value="money" p="lg">
            <MoneyTab partner={partner} />
          </Tabs.Panel>
          <Tabs.Panel value="users" p="lg">
            <UsersTab partner={partner} />
          </Tabs.Panel>
          <Tabs.Panel value="activity" p={0}>
            <PartnerActivityTab partnerId={partner.id} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </>
  );
}

import { useState } from 'react';
import { Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useSession, useSessionStore } from '../../../stores/session-store';
import { RoleBadge } from '../../../components/RoleBadge';
import { ChangePasswordForm } from '../../auth/ChangePasswordForm';
import { PortalPage } from '../shell/PortalPage';

/** `/portal/account`: who is signed in, and changing the password (the user's other sessions end). */
export function PortalAccountScreen() {
  const session = useSession();
  // Remounted after a change, so the typed passwords do not stay in the fields.
  const [round, setRound] = useState(0);
  return (
    <PortalPage title="Account" description="Your portal account and its password." testId="portal-account-screen">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder radius="md" padding="lg">
          <Stack gap="xs">
            <Text size="xs" tt="uppercase" fw={600} c="dimmed">
              Signed in as
            </Text>
            <Text fw={600}>{session.user.name}</Text>
            <Text size="sm">{session.user.email}</Text>
            <RoleBadge role={session.role} />
            <Text size="sm" c="dimmed">
              Workspace: {session.tenant.name} ({session.tenant.currency})
            </Text>
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Text fw={600} mb="md" component="h2">
            Change password
          </Text>
          <ChangePasswordForm
            key={round}
            oneTime={false}
            onChanged={(next) => {
              // The same session goes on (same user, same data): only its copy is replaced.
              useSessionStore.getState().updateSession(next);
              setRound((r) => r + 1);
              notifications.show({ color: 'green', title: 'Password changed', message: 'Your other sessions were signed out.' });
            }}
          />
        </Card>
      </SimpleGrid>
    </PortalPage>
  );
}

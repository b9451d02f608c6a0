import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useSessionStore } from '../../stores/session-store';
import { bootstrap } from '../../api/session-actions';
import { AuthLayout } from '../../components/AuthLayout';

/** Shown while the first calls run, or when the backend cannot be reached at start-up. */
export function BootScreen() {
  const phase = useSessionStore((s) => s.phase);
  const error = useSessionStore((s) => s.bootError);
  const connection = useSessionStore((s) => s.connection);
  const setPhase = useSessionStore((s) => s.setPhase);

  if (phase === 'bootError') {
    return (
      <AuthLayout title="PartnerDesk could not start">
        <Stack>
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title={connection?.mode === 'connected' ? 'The PartnerDesk server did not answer' : 'The backend did not answer'}>
            {error}
          </Alert>
          <Button onClick={() => void bootstrap()} data-testid="boot-retry">
            Try again
          </Button>
          {connection?.mode === 'connected' ? (
            <Button variant="default" onClick={() => setPhase('connect')} data-testid="boot-change-server">
              Change server
            </Button>
          ) : null}
        </Stack>
      </AuthLayout>
    );
  }
  return (
    <Center h="100vh">
      <Stack align="center" gap="xs">
        <Loader size="md" />
        <Text c="dimmed" size="sm">
          Starting PartnerDesk…
        </Text>
      </Stack>
    </Center>
  );
}

import { Button, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { AuthLayout } from '../components/AuthLayout';

/** A URL no route matches (a mistyped or outdated link). */
export function NotFound() {
  return (
    <AuthLayout title="This page does not exist">
      <Stack gap="md" data-testid="route-not-found">
        <Text size="sm" c="dimmed">
          The link may be mistyped, or the page has moved.
        </Text>
        <Button component={Link} to="/">
          Go to PartnerDesk
        </Button>
      </Stack>
    </AuthLayout>
  );
}

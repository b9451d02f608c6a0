import { Text } from '@mantine/core';
import { AuthLayout } from '../../components/AuthLayout';

/** Holds the `/portal` tree's place until the portal issue brings partner sign-in and screens. */
export function PortalPlaceholder() {
  return (
    <AuthLayout title="The partner portal is coming">
      <Text size="sm" c="dimmed" data-testid="portal-placeholder">
        Partners will sign in here to submit leads and follow their credits and payouts.
      </Text>
    </AuthLayout>
  );
}

import { useState } from 'react';
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ApiKey } from '@shared/contract/portal';
import { useProcMutation } from '../../../api/hooks';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { formatDateTime } from '../../../format/date';
import { LastLogin } from '../../../components/LastLogin';

/** One key: name, prefix (to recognise it), scopes, created, last used, revoked; revoke after a confirmation. */
export function ApiKeyRow({ apiKey }: { apiKey: ApiKey }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useProcMutation('portal.apiKeys.revoke', {
    onSuccess: (k) => {
      setConfirming(false);
      notifications.show({ color: 'green', title: 'Key revoked', message: `${k.name}: every later call with it is refused.` });
    },
  });
  const revoked = apiKey.revokedAt !== null;
  return (
    <Table.Tr data-testid="apikey-row" data-key-name={apiKey.name} data-revoked={revoked}>
      <Table.Td>
        <Text size="sm" fw={500} c={revoked ? 'dimmed' : undefined}>
          {apiKey.name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace" data-testid="apikey-prefix">
          {apiKey.prefix}…
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {apiKey.scopes.map((s) => (
            <Badge key={s} variant="light" color="gray" radius="sm" tt="none">
              {s}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(apiKey.createdAt)}</Text>
        {apiKey.createdBy ? (
          <Text size="xs" c="dimmed">
            {apiKey.createdBy.name}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <LastLogin at={apiKey.lastUsedAt} />
      </Table.Td>
      <Table.Td>
        {revoked && apiKey.revokedAt ? (
          <Badge variant="light" color="red" radius="sm" tt="none" data-testid="apikey-revoked">
            Revoked {formatDateTime(apiKey.revokedAt)}
          </Badge>
        ) : (
          <Badge variant="light" color="green" radius="sm" tt="none">
            Active
          </Badge>
        )}
      </Table.Td>
      <Table.Td ta="right">
        {!revoked ? (
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming(true)} aria-label={`Revoke ${apiKey.name}`} data-testid="apikey-revoke">
            Revoke
          </Button>
        ) : null}
        <ConfirmDialog
          opened={confirming}
          title={`Revoke “${apiKey.name}”?`}
          confirmLabel="Revoke key"
          color="red"
          loading={revoke.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => revoke.mutate({ id: apiKey.id })}
        >
          The integration using this key stops working at once: every later call with it gets 401. This cannot be undone; create a new key instead.
        </ConfirmDialog>
      </Table.Td>
    </Table.Tr>
  );
}

import { useState } from 'react';
import { Button, Code, EmptyState, Modal, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconKey, IconPlus } from '@tabler/icons-react';
import type { ApiKeyCreated } from '@shared/contract/portal';
import { useProcQuery } from '../../../api/hooks';
import { PortalPage } from '../shell/PortalPage';
import { QueryError } from '../../../components/QueryError';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { ApiKeyCreateForm } from './ApiKeyCreateForm';
import { ApiKeyRow } from './ApiKeyRow';
import { OneTimeSecret } from './OneTimeSecret';

/** The integration API's examples, with this server's own origin (README: *Integrations API*). */
function curlExample(origin: string, secret: string): string {
  return [
    `curl -X POST ${origin}/api/v1/leads \\`,
    `  -H "Authorization: Bearer ${secret}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Idempotency-Key: crm-4711" \\`,
    `  -d '{"type":"new_lead","contactName":"Jane Doe","company":"Acme GmbH","email":"jane@acme.example"}'`,
    ``,
    `curl ${origin}/api/v1/leads/<lead id> -H "Authorization: Bearer ${secret}"`,
  ].join('\n');
}

/** `/portal/api-keys` (partner admins): keys for the partner's own systems; each secret is shown once. */
export function PortalApiKeysScreen() {
  const keys = useProcQuery('portal.apiKeys.list', {});
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const origin = window.location.origin;

  return (
    <PortalPage
      title="API keys"
      description="Your systems submit leads and read their status with a key. Keep keys secret; revoke one you no longer use."
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="apikey-create-open">
          Create a key
        </Button>
      }
    >
      <Stack gap="lg">
        {keys.error ? (
          <QueryError error={keys.error} onRetry={() => void keys.refetch()} />
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={760} type="native">
              <Table verticalSpacing="sm" data-testid="apikey-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Scopes</Table.Th>
                    <Table.Th>Created</Table.Th>
                    <Table.Th>Last used</Table.Th>
                    <Table.Th>Status</Table.Th>
                      {/* Positioned, so the hidden label stays inside the table's scroll box: else it widens the phone page. */}
                      <Table.Th pos="relative">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>{keys.isPending ? <TableSkeleton columns={6} rows={2} /> : (keys.data ?? []).map((k) => <ApiKeyRow key={k.id} apiKey={k} />)}</Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {keys.isSuccess && keys.data.length === 0 ? <EmptyState py="lg" icon={<IconKey size={24} />} title="No API keys yet" description="Create one for each system that talks to the portal." /> : null}
          </Paper>
        )}
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="xs">
            Using a key
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Send it as a bearer token. A retried submission with the same Idempotency-Key never creates a second lead. The full description is at{' '}
            <Code>{origin}/api/openapi.json</Code>.
          </Text>
          <Code block data-testid="apikey-curl" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {curlExample(origin, 'pdk_…')}
          </Code>
        </Paper>
      </Stack>
      <Modal opened={creating} onClose={() => setCreating(false)} title="Create an API key" size="md">
        {creating ? (
          <ApiKeyCreateForm
            onCancel={() => setCreating(false)}
            onCreated={(c) => {
              setCreating(false);
              setCreated(c);
            }}
          />
        ) : null}
      </Modal>
      {created ? (
        <OneTimeSecret
          title={`API key “${created.key.name}”`}
          value={created.secret}
          warning="This secret is shown once and never again: only its hash is stored. Copy it into your integration’s settings now. Anyone with it can act for your organisation within its scopes."
          testId="apikey-secret"
          onClose={() => setCreated(null)}
        >
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {curlExample(origin, created.secret)}
          </Code>
        </OneTimeSecret>
      ) : null}
    </PortalPage>
  );
}

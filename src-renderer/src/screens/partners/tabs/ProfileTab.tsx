import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import type { Partner } from '@shared/contract';
import { useProcMutation } from '../../../api/hooks';
import { useCan } from '../../../api/use-can';
import { useNavigate } from '@tanstack/react-router';
import { formatDateTime } from '../../../format/date';
import { Info, InfoGrid } from '../InfoGrid';
import { TYPE_LABEL, countryName } from '../partner-labels';
import { PartnerFormDrawer } from '../PartnerFormDrawer';

function DeletePartnerModal({ partner, onClose }: { partner: Partner; onClose(): void }) {
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const remove = useProcMutation('partners.delete', {
    onSuccess: () => {
      notifications.show({ color: 'green', title: 'Partner deleted', message: `${partner.displayName} (${partner.code}) was deleted. It stays in the audit trail.` });
      onClose();
      // Replace: Back must not return to the deleted partner's page.
      void navigate({ to: '/partners', replace: true });
    },
  });
  return (
    <Modal opened onClose={() => !remove.isPending && onClose()} title={`Delete ${partner.displayName}?`} size="md">
      <Stack gap="md">
        <Text size="sm">
          The partner disappears from lists and can no longer be used. Its history stays in the audit trail. This cannot be undone from
          PartnerDesk.
        </Text>
        <Textarea
          label="Reason"
          description="Optional; recorded in the audit trail."
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="delete-reason"
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={remove.isPending} data-autofocus data-testid="confirm-cancel">
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate({ id: partner.id, ...(reason.trim() ? { reason } : {}) })}
            data-testid="confirm-ok"
          >
            Delete partner
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function ProfileTab({ partner }: { partner: Partner }) {
  const canEdit = useCan('partners.update');
  const canDelete = useCan('partners.delete');
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const a = partner.address;
  const addressLines = [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region].filter((l): l is string => Boolean(l));

  return (
    <Stack gap="xl">
      <InfoGrid>
        <Info label="Legal name" testId="profile-legal-name">{partner.legalName}</Info>
        <Info label="Display name">{partner.displayName}</Info>
        <Info label="Type">{TYPE_LABEL[partner.type]}</Info>
        <Info label="Contact" testId="profile-contact-name">{partner.contact.name}</Info>
        <Info label="Email" testId="profile-contact-email">{partner.contact.email}</Info>
        <Info label="Phone">{partner.contact.phone}</Info>
        <Info label="Address">
          {addressLines.length > 0 ? (
            <Stack gap={0}>
              {addressLines.map((line, i) => (
                <Text key={i} size="sm">
                  {line}
                </Text>
              ))}
            </Stack>
          ) : null}
        </Info>
        <Info label="Country" testId="profile-country">{`${countryName(partner.country)} (${partner.country})`}</Info>
        <Info label="Tax ID" testId="profile-tax-id">{partner.taxId}</Info>
        <Info label="Created">{formatDateTime(partner.createdAt)}</Info>
        <Info label="Last updated">{formatDateTime(partner.updatedAt)}</Info>
      </InfoGrid>
      {canEdit || canDelete ? (
        <Group justify="space-between">
          {canEdit ? (
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} data-testid="partner-edit">
              Edit partner
            </Button>
          ) : null}
          {canDelete ? (
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDeleting(true)} data-testid="partner-delete">
              Delete partner
            </Button>
          ) : null}
        </Group>
      ) : null}
      {canEdit ? <PartnerFormDrawer opened={editing} partner={partner} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} /> : null}
      {deleting ? <DeletePartnerModal partner={partner} onClose={() => setDeleting(false)} /> : null}
    </Stack>
  );
}

import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import type { PartnerRole } from '@shared/contract/roles';
import type { PartnerUserCreated } from '@shared/contract';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useContractForm } from '../../../forms/use-contract-form';
import { PARTNER_ROLE_OPTIONS } from '../../partners/partner-labels';

/** Invites a colleague: name, e-mail and role; the answer carries the one-time invite link's token. */
export function TeamInviteForm({ onInvited, onCancel }: { onInvited(created: PartnerUserCreated): void; onCancel(): void }) {
  const { field, formError, onSubmit, mutation } = useContractForm('portal.team.invite', {
    initialValues: { name: '', email: '', role: 'partner_lead_manager' as PartnerRole },
    onSuccess: onInvited,
  });
  return (
    <form onSubmit={onSubmit} noValidate data-testid="team-invite-form">
      <Stack gap="md">
        <FormErrorAlert error={formError} />
        <TextInput label="Name" required data-autofocus autoComplete="off" {...field('name')} data-testid="team-invite-name" />
        <TextInput label="Email" type="email" required autoComplete="off" description="They sign in to the portal with it." {...field('email')} data-testid="team-invite-email" />
        <Select label="Role" required data={PARTNER_ROLE_OPTIONS} allowDeselect={false} comboboxProps={{ withinPortal: true }} {...field('role')} data-testid="team-invite-role" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="team-invite-submit">
            Invite
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

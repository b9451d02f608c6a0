import { useId, useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPlayerPause, IconPower, IconRefresh, IconRotateClockwise, IconX, type Icon } from '@tabler/icons-react';
import type { Partner, PartnerAction } from '@shared/contract';
import type { ActionOption } from '@shared/contract/action-option';
import { notifyError } from '../../api/query-client';
import { useContractForm } from '../../forms/use-contract-form';
import { ACTION_LABEL, STATUS_LABEL } from './partner-labels';

/** How each action looks; whether it is offered, enabled and needs a reason is the server's (`partner.actions`). */
interface ActionSpec {
  color: string;
  variant: 'filled' | 'light' | 'default';
  icon: Icon;
  explain(p: Partner): string;
}

const SPEC: Record<PartnerAction, ActionSpec> = {
  approve: {
    color: 'green',
    variant: 'filled',
    icon: IconCheck,
    explain: (p) => `${p.displayName} becomes active and can submit leads.`,
  },
  reject: {
    color: 'red',
    variant: 'light',
    icon: IconX,
    explain: (p) => `${p.displayName}'s application is rejected. The reason is kept with the partner; the application can be re-opened later.`,
  },
  suspend: {
    color: 'orange',
    variant: 'light',
    icon: IconPlayerPause,
    explain: (p) => `${p.displayName} can no longer submit leads and its payouts cannot be approved until it is reinstated.`,
  },
  deactivate: {
    color: 'red',
    variant: 'light',
    icon: IconPower,
    explain: (p) => `${p.displayName} becomes inactive: no leads, no new payouts. It can be reinstated later.`,
  },
  reinstate: {
    color: 'green',
    variant: 'light',
    icon: IconRotateClockwise,
    explain: (p) => `${p.displayName} becomes active again.`,
  },
  reapply: {
    color: 'brand',
    variant: 'light',
    icon: IconRefresh,
    explain: (p) => `${p.displayName} goes back to pending, as a new application to review.`,
  },
};

const ORDER: PartnerAction[] = ['approve', 'reinstate', 'reapply', 'suspend', 'deactivate', 'reject'];

type StatusProcedure = `partners.${PartnerAction}`;

function ActionModal({ partner, option, onClose }: { partner: Partner; option: ActionOption<PartnerAction>; onClose(): void }) {
  const { action, needsReason } = option;
  const spec = SPEC[action];
  const procedure: StatusProcedure = `partners.${action}`;
  // The input of a status procedure: a required reason or an optional note (the transition table decides which).
  const { field, onSubmit, mutation } = useContractForm(procedure, {
    initialValues: { id: partner.id, reason: '', note: '' },
    toInput: ({ id, reason, note }) => ({ input: needsReason ? { id, reason } : { id, ...(note.trim() ? { note } : {}) } }),
    onSuccess: (updated) => {
      notifications.show({
        color: 'green',
        title: `${ACTION_LABEL[action]}: done`,
        message: `${updated.displayName} is now ${STATUS_LABEL[updated.status].toLowerCase()}.`,
      });
      onClose();
    },
    // A reason/note problem stays in the dialog; anything else (e.g. invalid_transition: KYC not verified) is a notification.
    onUnshownError: (error) => {
      notifyError(error);
      onClose();
    },
  });
  // One text box, at the contract's path: `reason` where the table requires one, else `note`.
  const textField = field(needsReason ? 'reason' : 'note');

  return (
    <Modal opened onClose={() => !mutation.isPending && onClose()} title={`${ACTION_LABEL[action]} ${partner.displayName}?`} size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm">{spec.explain(partner)}</Text>
          <Textarea
            label={needsReason ? 'Reason' : 'Note'}
            description={needsReason ? "Recorded in the audit trail and shown with the partner's status." : 'Optional; recorded in the audit trail.'}
            required={needsReason}
            autosize
            minRows={needsReason ? 3 : 2}
            maxRows={needsReason ? 8 : 6}
            data-autofocus
            {...textField}
            data-testid={needsReason ? 'action-reason' : 'action-note'}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending} data-testid="action-cancel">
              Cancel
            </Button>
            <Button type="submit" color={spec.color} loading={mutation.isPending} data-testid="action-confirm">
              {ACTION_LABEL[action]}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The status buttons the server offers this caller (`partner.actions`: the workflow, the
 * caller's role and the workspace's rules); a blocked one is disabled with its reason written
 * under the buttons, so nobody clicks only to be told "no".
 */
export function StatusActions({ partner }: { partner: Partner }) {
  const [open, setOpen] = useState<ActionOption<PartnerAction> | null>(null);
  const idBase = useId();
  const offered = ORDER.flatMap((a) => partner.actions.filter((o) => o.action === a));
  if (offered.length === 0) return null;
  const blocked = offered.filter((o) => !o.enabled && o.reason);
  return (
    <>
      <Stack gap={6} align="flex-end" maw={420}>
        <Group gap="xs" justify="flex-end">
          {offered.map((option) => {
            const spec = SPEC[option.action];
            const ActionIcon = spec.icon;
            return (
              <Button
                key={option.action}
                size="sm"
                color={spec.color}
                variant={spec.variant}
                leftSection={<ActionIcon size={16} />}
                disabled={!option.enabled}
                aria-describedby={option.enabled ? undefined : `${idBase}-${option.action}`}
                onClick={() => setOpen(option)}
                data-testid={`partner-action-${option.action}`}
              >
                {ACTION_LABEL[option.action]}
              </Button>
            );
          })}
        </Group>
        {blocked.map((option) => (
          <Text key={option.action} id={`${idBase}-${option.action}`} size="sm" ta="right" data-testid={`partner-action-${option.action}-reason`}>
            <Text span fw={600}>
              {ACTION_LABEL[option.action]}:
            </Text>{' '}
            {option.reason}
          </Text>
        ))}
      </Stack>
      {open ? <ActionModal key={open.action} partner={partner} option={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPlayerPause, IconPower, IconRefresh, IconRotateClockwise, IconX, type Icon } from '@tabler/icons-react';
import type { Partner, PartnerAction } from '@shared/contract';
import { useProcMutation } from '../../api/hooks';
import { splitServerError } from '../../forms/server-errors';
import { ACTION_LABEL, STATUS_LABEL } from './partner-labels';
import { notifyAndCloseUnlessFieldError } from './PromptModal';

interface ActionSpec {
  /** Reject, suspend and deactivate need a reason (it is kept with the status and audited). */
  needsReason: boolean;
  color: string;
  variant: 'filled' | 'light' | 'default';
  icon: Icon;
  explain(p: Partner): string;
}

const SPEC: Record<PartnerAction, ActionSpec> = {
  approve: {
    needsReason: false,
    color: 'green',
    variant: 'filled',
    icon: IconCheck,
    explain: (p) => `${p.displayName} becomes active and can submit leads.`,
  },
  reject: {
    needsReason: true,
    color: 'red',
    variant: 'light',
    icon: IconX,
    explain: (p) => `${p.displayName}'s application is rejected. The reason is kept with the partner; the application can be re-opened later.`,
  },
  suspend: {
    needsReason: true,
    color: 'orange',
    variant: 'light',
    icon: IconPlayerPause,
    explain: (p) => `${p.displayName} can no longer submit leads and its payouts cannot be approved until it is reinstated.`,
  },
  deactivate: {
    needsReason: true,
    color: 'red',
    variant: 'light',
    icon: IconPower,
    explain: (p) => `${p.displayName} becomes inactive: no leads, no new payouts. It can be reinstated later.`,
  },
  reinstate: {
    needsReason: false,
    color: 'green',
    variant: 'light',
    icon: IconRotateClockwise,
    explain: (p) => `${p.displayName} becomes active again.`,
  },
  reapply: {
    needsReason: false,
    color: 'brand',
    variant: 'light',
    icon: IconRefresh,
    explain: (p) => `${p.displayName} goes back to pending, as a new application to review.`,
  },
};

const ORDER: PartnerAction[] = ['approve', 'reinstate', 'reapply', 'suspend', 'deactivate', 'reject'];

type StatusProcedure = `partners.${PartnerAction}`;

function ActionModal({ partner, action, onClose }: { partner: Partner; action: PartnerAction; onClose(): void }) {
  const spec = SPEC[action];
  const [text, setText] = useState('');
  const procedure: StatusProcedure = `partners.${action}`;
  const mutation = useProcMutation(procedure, {
    inlineErrors: true,
    onSuccess: (updated) => {
      notifications.show({
        color: 'green',
        title: `${ACTION_LABEL[action]}: done`,
        message: `${updated.displayName} is now ${STATUS_LABEL[updated.status].toLowerCase()}.`,
      });
      onClose();
    },
    // A reason/note problem stays in the dialog; anything else (e.g. invalid_transition: KYC not verified) is a notification.
    onError: (error) => notifyAndCloseUnlessFieldError(error, ['reason', 'note'], onClose),
  });
  const fieldError = splitServerError(mutation.error, ['reason', 'note']).fields;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (spec.needsReason) {
      if (text.trim() === '') return;
      mutation.mutate({ id: partner.id, reason: text });
    } else {
      mutation.mutate({ id: partner.id, ...(text.trim() ? { note: text } : {}) });
    }
  };

  return (
    <Modal opened onClose={() => !mutation.isPending && onClose()} title={`${ACTION_LABEL[action]} ${partner.displayName}?`} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{spec.explain(partner)}</Text>
          {spec.needsReason ? (
            <Textarea
              label="Reason"
              description="Recorded in the audit trail and shown with the partner's status."
              required
              autosize
              minRows={3}
              maxRows={8}
              data-autofocus
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                if (mutation.error) mutation.reset();
              }}
              error={fieldError.reason}
              data-testid="action-reason"
            />
          ) : (
            <Textarea
              label="Note"
              description="Optional; recorded in the audit trail."
              autosize
              minRows={2}
              maxRows={6}
              data-autofocus
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                if (mutation.error) mutation.reset();
              }}
              error={fieldError.note}
              data-testid="action-note"
            />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending} data-testid="action-cancel">
              Cancel
            </Button>
            <Button
              type="submit"
              color={spec.color}
              loading={mutation.isPending}
              disabled={spec.needsReason && text.trim() === ''}
              data-testid="action-confirm"
            >
              {ACTION_LABEL[action]}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The status buttons the workflow allows now (from `availableActions`), for those who decide (admin, manager). */
export function StatusActions({ partner, canDecide }: { partner: Partner; canDecide: boolean }) {
  const [action, setAction] = useState<PartnerAction | null>(null);
  if (!canDecide) return null;
  const actions = ORDER.filter((a) => partner.actions.some((o) => o.action === a));
  return (
    <>
      <Group gap="xs">
        {actions.map((a) => {
          const spec = SPEC[a];
          const ActionIcon = spec.icon;
          return (
            <Button
              key={a}
              size="sm"
              color={spec.color}
              variant={spec.variant}
              leftSection={<ActionIcon size={16} />}
              onClick={() => setAction(a)}
              data-testid={`partner-action-${a}`}
            >
              {ACTION_LABEL[a]}
            </Button>
          );
        })}
      </Group>
      {action ? <ActionModal key={action} partner={partner} action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPlayerPause, IconPower, IconRefresh, IconRotateClockwise, IconX, type Icon } from '@tabler/icons-react';
import type { Partner, PartnerAction } from '@shared/contract';
import type { ActionOption } from '@shared/contract/action-option';
import { useProcMutation } from '../../api/hooks';
import { splitServerError } from '../../forms/server-errors';
import { ACTION_LABEL, STATUS_LABEL } from './partner-labels';
import { notifyAndCloseUnlessFieldError } from './PromptModal';

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
    if (needsReason) {
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
          {needsReason ? (
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
              disabled={needsReason && text.trim() === ''}
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

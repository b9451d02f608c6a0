import { useId, type KeyboardEvent } from 'react';
import { Button, Group, Kbd, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconEye, IconTrophy, IconX, type Icon } from '@tabler/icons-react';
import type { ActionOption } from '@shared/contract/action-option';
import type { AppError } from '@shared/contract/errors';
import type { Lead } from '@shared/contract/leads/types';
import type { LeadAction } from '@shared/contract/leads/values';
import { currencyFractionDigits, minorToDecimalString, parseMoney } from '@shared/money';
import { invalidateAfter } from '../../api/invalidation';
import { notifyError } from '../../api/query-client';
import { useContractForm } from '../../forms/use-contract-form';
import { useSession } from '../../stores/session-store';
import { useWorkspaceToday } from '../partners/use-workspace-today';
import { LEAD_ACTION_LABEL, LEAD_STATUS_LABEL } from './lead-labels';
import { StandardReasonSelect } from './StandardReasonSelect';

/** How each action looks and which queue key takes it; whether it is offered and enabled is the server's (`lead.actions`). */
const SPEC: Record<LeadAction, { color: string; variant: 'filled' | 'light' | 'default'; icon: Icon; key: string | null }> = {
  start_review: { color: 'brand', variant: 'default', icon: IconEye, key: null },
  approve: { color: 'green', variant: 'filled', icon: IconCheck, key: 'a' },
  reject: { color: 'red', variant: 'light', icon: IconX, key: 'r' },
  convert: { color: 'teal', variant: 'filled', icon: IconTrophy, key: 'c' },
};

const ORDER: LeadAction[] = ['approve', 'reject', 'convert', 'start_review'];

/**
 * The server refused because the lead changed under the reviewer: another reviewer decided or
 * claimed it first (a stale version), or it is gone. Not a typing problem: the lead is re-read.
 */
export function isLeadConflict(error: AppError): boolean {
  return error.code === 'conflict' || error.code === 'invalid_transition' || error.code === 'not_found';
}

/** The options the lead offers, in button order. */
export function offeredActions(lead: Lead): ActionOption<LeadAction>[] {
  return ORDER.flatMap((a) => lead.actions.filter((o) => o.action === a));
}

interface ButtonsProps {
  lead: Lead;
  onChoose(action: LeadAction): void;
  /** Show the queue's key beside each button. */
  withKeys?: boolean;
  size?: 'xs' | 'sm';
}

/**
 * The status buttons the server offers this caller for this lead; a blocked one is disabled with
 * its reason written under the buttons (and tied to it for screen readers).
 */
export function LeadActionButtons({ lead, onChoose, withKeys = false, size = 'sm' }: ButtonsProps) {
  const idBase = useId();
  const offered = offeredActions(lead);
  if (offered.length === 0) return null;
  const blocked = offered.filter((o) => !o.enabled && o.reason);
  return (
    <Stack gap={6} data-testid="lead-actions">
      <Group gap="xs">
        {offered.map((option) => {
          const spec = SPEC[option.action];
          const ActionIcon = spec.icon;
          return (
            <Button
              key={option.action}
              size={size}
              color={spec.color}
              variant={spec.variant}
              leftSection={<ActionIcon size={16} />}
              rightSection={
                withKeys && spec.key ? (
                  <Kbd size="xs" aria-hidden>
                    {spec.key}
                  </Kbd>
                ) : null
              }
              disabled={!option.enabled}
              aria-keyshortcuts={withKeys && spec.key ? spec.key : undefined}
              aria-describedby={option.enabled ? undefined : `${idBase}-${option.action}`}
              onClick={() => onChoose(option.action)}
              data-testid={`lead-action-${option.action}`}
            >
              {LEAD_ACTION_LABEL[option.action]}
            </Button>
          );
        })}
      </Group>
      {blocked.map((option) => (
        <Text key={option.action} id={`${idBase}-${option.action}`} size="sm" data-testid={`lead-action-${option.action}-reason`}>
          <Text span fw={600}>
            {LEAD_ACTION_LABEL[option.action]}:
          </Text>{' '}
          {option.reason}
        </Text>
      ))}
    </Stack>
  );
}

interface DialogProps {
  lead: Lead;
  action: LeadAction;
  onClose(): void;
  /** The lead after the action. */
  onDone?(lead: Lead): void;
  /** Another reviewer was first (or the lead changed): the message to show; the lead is re-read. */
  onConflict?(message: string): void;
}

/** The procedure behind each decision. */
const PROCEDURE = {
  start_review: 'leads.startReview',
  approve: 'leads.approve',
  reject: 'leads.reject',
  convert: 'leads.convert',
} as const satisfies Record<LeadAction, string>;

/** Ctrl/Cmd+Enter in a multi-line field submits its form (Enter is a new line there). */
function submitOnModEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

/**
 * One status decision on one lead: the fields the action takes (reason, CRM lead id, deal value
 * and day), sent with the version the reviewer saw, so a lead someone else decided meanwhile is a
 * clear conflict instead of a silent overwrite.
 */
export function LeadDecisionDialog({ lead, action, onClose, onDone, onConflict }: DialogProps) {
  const queryClient = useQueryClient();
  const { tenant } = useSession();
  const today = useWorkspaceToday();
  const digits = currencyFractionDigits(tenant.currency);
  const { field, form, onSubmit, mutation } = useContractForm(PROCEDURE[action], {
    // The values have the inputs' paths; the deal value is held as the text typed, in the workspace currency.
    initialValues: {
      id: lead.id,
      version: lead.version,
      reason: '',
      note: '',
      crmLeadId: lead.crmLeadId ?? '',
      dealValueMinor: lead.estimatedValueMinor ? minorToDecimalString(lead.estimatedValueMinor, digits) : '',
      convertedOn: '',
    },
    toInput: (v) => {
      const ref = { id: v.id, version: v.version };
      const note = v.note.trim() ? { note: v.note } : {};
      const crm = v.crmLeadId.trim() ? { crmLeadId: v.crmLeadId } : {};
      if (action === 'reject') return { input: { ...ref, reason: v.reason } };
      if (action === 'start_review') return { input: { ...ref, ...note } };
      if (action === 'approve') return { input: { ...ref, ...note, ...crm } };
      const deal = parseMoney(v.dealValueMinor, tenant.currency);
      const errors: Record<string, string> =
        deal === null ? { dealValueMinor: `Enter the deal value in ${tenant.currency}, e.g. ${minorToDecimalString(12500 * 10 ** digits, digits)}` } : {};
      return { input: { ...ref, ...note, ...crm, dealValueMinor: deal ?? 0, convertedOn: v.convertedOn || today }, errors };
    },
    onSuccess: (updated: Lead) => {
      notifications.show({
        color: 'green',
        title: `${LEAD_ACTION_LABEL[action]}: done`,
        message: `${updated.contactName}${updated.company ? ` (${updated.company})` : ''} is now ${LEAD_STATUS_LABEL[updated.status].toLowerCase()}.`,
      });
      onDone?.(updated);
      onClose();
    },
    // Not a typing problem: another reviewer was first, or the lead is gone; the lead is re-read.
    onUnshownError: (error) => {
      if (isLeadConflict(error)) void invalidateAfter(queryClient, 'leads.approve');
      if (isLeadConflict(error) && onConflict) onConflict(error.message);
      else notifyError(error);
      onClose();
    },
  });
  const dayToSend = form.getValues().convertedOn || today;

  const who = `${lead.contactName}${lead.company ? `, ${lead.company}` : ''}`;
  return (
    <Modal opened onClose={() => !mutation.isPending && onClose()} title={`${LEAD_ACTION_LABEL[action]}: ${who}?`} size="md">
      <form onSubmit={onSubmit} noValidate data-testid="lead-decision-form" data-action={action}>
        <Stack gap="md">
          {action === 'approve' ? (
            <Text size="sm">The lead counts as accepted for {lead.partner.name}; a commission may follow from the partner's terms.</Text>
          ) : null}
          {action === 'convert' ? (
            <>
              <Text size="sm">Record the won deal. The value is what the partner's percentage commission is computed on.</Text>
              <Group grow align="flex-start">
                <TextInput
                  label="Deal value"
                  required
                  inputMode="decimal"
                  data-autofocus
                  leftSection={<Text size="xs" c="dimmed">{tenant.currency}</Text>}
                  leftSectionWidth={48}
                  {...field('dealValueMinor')}
                  data-testid="lead-deal-value-input"
                />
                <TextInput
                  type="date"
                  label="Won on"
                  max={today}
                  {...field('convertedOn')}
                  value={dayToSend}
                  data-testid="lead-converted-on"
                />
              </Group>
            </>
          ) : null}
          {action === 'approve' || action === 'convert' ? (
            <TextInput
              label="CRM lead id"
              description="Optional: the id of this lead in your CRM."
              data-autofocus={action === 'approve' ? true : undefined}
              {...field('crmLeadId')}
              data-testid="lead-crm-id"
            />
          ) : null}
          {action === 'reject' ? <StandardReasonSelect onPick={(reason) => form.setFieldValue('reason', reason)} disabled={mutation.isPending} /> : null}
          {action === 'reject' ? (
            <Textarea
              label="Reason"
              description={
                <>
                  The partner sees it. <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> rejects.
                </>
              }
              required
              autosize
              minRows={3}
              maxRows={8}
              data-autofocus
              {...field('reason')}
              onKeyDown={submitOnModEnter}
              data-testid="lead-reject-reason"
            />
          ) : (
            <TextInput
              label="Note"
              description="Optional; recorded in the audit trail."
              data-autofocus={action === 'start_review' ? true : undefined}
              {...field('note')}
              data-testid="lead-note"
            />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending} data-testid="lead-decision-cancel">
              Cancel
            </Button>
            <Button
              type="submit"
              color={SPEC[action].color}
              loading={mutation.isPending}
              data-testid="lead-decision-confirm"
            >
              {LEAD_ACTION_LABEL[action]}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

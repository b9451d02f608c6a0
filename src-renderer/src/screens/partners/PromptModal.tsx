import type { ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { Input, Output, ProcedureName } from '@shared/contract';
import { notifyError } from '../../api/query-client';
import { useContractForm } from '../../forms/use-contract-form';

/** Decisions whose input is an id with a reason, an optional note and/or an optional date. */
type DecisionProcedure = 'partners.kyc.verify' | 'partners.kyc.reject' | 'partners.documents.verify' | 'partners.documents.reject';

interface PromptModalProps<N extends DecisionProcedure> {
  procedure: N;
  /** The entity decided on. */
  id: string;
  title: string;
  children?: ReactNode;
  /** The text box's contract field: a required `reason` (testid `action-reason`), an optional `note` (`action-note`), or none. */
  textField: 'reason' | 'note' | 'none';
  textLabel?: string;
  textDescription?: string;
  /** An optional date at the contract's `expiresOn`, e.g. a document's expiry; `min` is the earliest day offered. */
  withDate?: { label: string; description?: string; testId: string; min?: string };
  confirmLabel: string;
  color?: string;
  onSuccess(output: Output<N>): void;
  onClose(): void;
}

/**
 * A small confirmation dialog that asks for a reason or a note (and maybe a date) before a
 * decision, validated by the procedure's own input schema. A problem with what was typed stays
 * in the dialog beside its field; anything else (most often `invalid_transition`, e.g. KYC cannot
 * be signed off yet) becomes a notification with the server's message and the dialog closes.
 */
export function PromptModal<N extends DecisionProcedure>(props: PromptModalProps<N>) {
  const { procedure, id, title, children, textField, withDate, confirmLabel, color, onSuccess, onClose } = props;
  const needsText = textField === 'reason';
  const { field, onSubmit, mutation } = useContractForm<ProcedureName, { id: string; reason: string; note: string; expiresOn: string }>(procedure, {
    initialValues: { id, reason: '', note: '', expiresOn: '' },
    // Only the fields this decision has; empty optional ones are left out rather than sent blank.
    toInput: ({ reason, note, expiresOn }) => ({
      input: {
        id,
        ...(textField === 'reason' ? { reason } : {}),
        ...(textField === 'note' && note.trim() ? { note } : {}),
        ...(withDate && expiresOn ? { expiresOn } : {}),
      } as Input<N>,
    }),
    onSuccess: (output) => onSuccess(output as Output<N>),
    onUnshownError: (error) => {
      notifyError(error);
      onClose();
    },
  });
  return (
    <Modal opened onClose={() => !mutation.isPending && onClose()} title={title} size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {children ? <Text size="sm" component="div">{children}</Text> : null}
          {withDate ? (
            <TextInput
              type="date"
              label={withDate.label}
              description={withDate.description}
              min={withDate.min}
              {...field('expiresOn')}
              w={220}
              data-testid={withDate.testId}
            />
          ) : null}
          {textField !== 'none' ? (
            <Textarea
              label={props.textLabel ?? (needsText ? 'Reason' : 'Note')}
              description={props.textDescription ?? (needsText ? 'Recorded in the audit trail.' : 'Optional; recorded in the audit trail.')}
              required={needsText}
              autosize
              minRows={needsText ? 3 : 2}
              maxRows={8}
              data-autofocus
              {...field(textField)}
              data-testid={needsText ? 'action-reason' : 'action-note'}
            />
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending} data-testid="action-cancel">
              Cancel
            </Button>
            <Button type="submit" color={color} loading={mutation.isPending} data-testid="action-confirm">
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { AppError } from '@shared/contract/errors';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { notifyError } from '../../api/query-client';
import { splitServerError } from '../../forms/server-errors';

export interface PromptValues {
  text: string;
  /** YYYY-MM-DD or '' (only with `withDate`). */
  date: string;
}

interface PromptModalProps {
  title: string;
  children?: ReactNode;
  /** A required reason (testid `action-reason`) or an optional note (testid `action-note`). */
  textMode: 'reason' | 'note' | 'none';
  textLabel?: string;
  textDescription?: string;
  /** An optional date field, e.g. a document's expiry. */
  /** `min`: the earliest day offered (YYYY-MM-DD), e.g. the workspace's today. */
  withDate?: { label: string; description?: string; testId: string; min?: string };
  confirmLabel: string;
  color?: string;
  loading: boolean;
  /** Field errors keyed `text`/`date`; anything else in an alert. */
  fieldErrors?: { text?: string | undefined; date?: string | undefined };
  formError?: AppError | null;
  onSubmit(values: PromptValues): void;
  onClose(): void;
  onEdit?(): void;
}

/** A small confirmation dialog that asks for a reason or a note (and maybe a date) before a decision. */
export function PromptModal(props: PromptModalProps) {
  const { title, children, textMode, withDate, confirmLabel, color, loading, fieldErrors = {}, formError = null, onSubmit, onClose, onEdit } = props;
  const [text, setText] = useState('');
  const [date, setDate] = useState('');
  const needsText = textMode === 'reason';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (needsText && text.trim() === '') return;
    onSubmit({ text: text.trim(), date });
  };
  return (
    <Modal opened onClose={() => !loading && onClose()} title={title} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {children ? <Text size="sm" component="div">{children}</Text> : null}
          <FormErrorAlert error={formError} />
          {withDate ? (
            <TextInput
              type="date"
              label={withDate.label}
              description={withDate.description}
              min={withDate.min}
              value={date}
              onChange={(e) => {
                setDate(e.currentTarget.value);
                onEdit?.();
              }}
              error={fieldErrors.date}
              w={220}
              data-testid={withDate.testId}
            />
          ) : null}
          {textMode !== 'none' ? (
            <Textarea
              label={props.textLabel ?? (needsText ? 'Reason' : 'Note')}
              description={props.textDescription ?? (needsText ? 'Recorded in the audit trail.' : 'Optional; recorded in the audit trail.')}
              required={needsText}
              autosize
              minRows={needsText ? 3 : 2}
              maxRows={8}
              data-autofocus
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                onEdit?.();
              }}
              error={fieldErrors.text}
              data-testid={needsText ? 'action-reason' : 'action-note'}
            />
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={loading} data-testid="action-cancel">
              Cancel
            </Button>
            <Button type="submit" color={color} loading={loading} disabled={needsText && text.trim() === ''} data-testid="action-confirm">
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * For decision dialogs: a problem with what was typed stays in the dialog; anything else (most
 * often `invalid_transition`, e.g. KYC cannot be signed off yet) becomes a notification with the
 * server's message and the dialog closes, as for the status actions.
 */
export function notifyAndCloseUnlessFieldError(error: AppError, fields: readonly string[], close: () => void): void {
  if (!splitServerError(error, fields).form) return;
  notifyError(error);
  close();
}

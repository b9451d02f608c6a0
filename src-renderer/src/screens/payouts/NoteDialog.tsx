import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import type { AppError } from '@shared/contract/errors';
import { FormErrorAlert } from '../../components/FormErrorAlert';

interface Props {
  title: string;
  label: string;
  confirm: string;
  required: boolean;
  pending: boolean;
  error: AppError | null;
  /** The field the server names for this note (`note`, `notes`, `reason`): its error shows under the box. */
  field: string;
  onSubmit(note: string): void;
  onClose(): void;
  color?: string;
}

/** A note (required to reject, optional to approve) before a decision; the server's field error shows under the box. */
export function NoteDialog({ title, label, confirm, required, pending, error, field, onSubmit, onClose, color }: Props) {
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSubmit(note.trim());
  };
  return (
    <Modal opened onClose={onClose} title={title} data-testid="note-dialog">
      <form onSubmit={submit}>
        <Stack>
          <Textarea label={label} value={note} onChange={(e) => setNote(e.currentTarget.value)} required={required} autosize minRows={3} error={error?.field === field ? error.message : undefined} data-testid="note-input" autoFocus />
          {error && error.field !== field ? <FormErrorAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={color} loading={pending} data-testid="note-submit">
              {confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { useState } from 'react';
import { Button, CloseButton, Group, Loader, LoadingOverlay, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { IconFileUpload, IconFileX, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { DOCUMENT_MIME_TYPES, MAX_DOCUMENT_BYTES, type KycDocumentKind } from '@shared/contract/partners';
import { useContractForm } from '../../../forms/use-contract-form';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { formatBytes } from '../../../format/bytes';
import { readFileAsBase64 } from '../files';
import { DOC_KIND_LABEL, DOC_KIND_OPTIONS } from '../partner-labels';
import { useWorkspaceToday } from '../use-workspace-today';

function rejectionMessage(rejections: FileRejection[]): string {
  const codes = rejections.flatMap((r) => r.errors.map((e) => e.code));
  if (codes.includes('file-too-large')) return `The file is larger than ${formatBytes(MAX_DOCUMENT_BYTES)}.`;
  if (codes.includes('file-invalid-type')) return 'Only PDF, PNG and JPEG files can be uploaded.';
  if (codes.includes('too-many-files')) return 'Upload one file at a time.';
  return rejections[0]?.errors[0]?.message ?? 'This file cannot be uploaded.';
}

/** base64 of n bytes is ceil(n/3)*4 chars minus padding: enough for a size label. */
function sizeOfBase64(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - padding;
}

export function DocumentUpload({ partnerId }: { partnerId: string }) {
  const bridge = window.partnerDesk;
  // A refusal by the file chooser itself (too large, wrong type) or a file that could not be read.
  const [chooserError, setChooserError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const today = useWorkspaceToday();

  // The values are the upload input's fields; the file is read when chosen, so the input is whole at submit.
  const { form, field, formError, onSubmit, mutation: upload } = useContractForm('partners.documents.upload', {
    initialValues: { partnerId, kind: null as string | null, fileName: '', contentBase64: '', size: 0, expiresOn: '' },
    toInput: ({ kind, fileName, contentBase64, expiresOn }) => ({
      // A kind not chosen yet goes to the schema as '', which refuses it with its own message.
      input: { partnerId, kind: (kind ?? '') as KycDocumentKind, fileName, contentBase64, ...(expiresOn ? { expiresOn } : {}) },
      errors: contentBase64 ? undefined : { contentBase64: 'Choose a file' },
    }),
    onSuccess: (doc) => {
      notifications.show({ color: 'green', title: 'Document uploaded', message: `${DOC_KIND_LABEL[doc.kind]}: ${doc.fileName} awaits review.` });
      form.reset();
    },
  });
  const values = form.getValues();
  const chosen = values.contentBase64 ? { name: values.fileName, size: values.size } : null;
  const busy = reading || upload.isPending;
  // Both the content and its name stand for "the file": their errors show under the chooser.
  const fileError = chooserError ?? field('contentBase64').error ?? field('fileName').error;

  const choose = (file: { name: string; contentBase64: string; size: number } | null) => {
    setChooserError(null);
    form.setValues({ fileName: file?.name ?? '', contentBase64: file?.contentBase64 ?? '', size: file?.size ?? 0 });
    form.clearFieldError('contentBase64');
    form.clearFieldError('fileName');
  };

  const readInBrowser = async (file: File) => {
    setReading(true);
    try {
      choose({ name: file.name, contentBase64: await readFileAsBase64(file), size: file.size });
    } catch {
      setChooserError('Could not read the file. Choose it again.');
    } finally {
      setReading(false);
    }
  };

  const pickInElectron = async () => {
    if (!bridge) return;
    const picked = await bridge.pickFile({ title: 'Choose a KYC document', extensions: ['pdf', 'png', 'jpg', 'jpeg'] });
    if (!picked) return;
    const size = sizeOfBase64(picked.contentBase64);
    if (size > MAX_DOCUMENT_BYTES) {
      setChooserError(`The file is larger than ${formatBytes(MAX_DOCUMENT_BYTES)}.`);
      return;
    }
    choose({ name: picked.name, contentBase64: picked.contentBase64, size });
  };

  return (
    <Paper withBorder radius="md" p="md" pos="relative" data-testid="doc-upload">
      <LoadingOverlay visible={busy} zIndex={5} overlayProps={{ blur: 1 }} loaderProps={{ children: <UploadingLabel reading={reading} /> }} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Text fw={600} size="sm">
            Upload a document
          </Text>
          <FormErrorAlert error={formError} />
          <Group align="flex-start" gap="sm" grow>
            <Select
              label="Kind"
              placeholder="Choose…"
              required
              data={DOC_KIND_OPTIONS}
              {...field('kind')}
              comboboxProps={{ withinPortal: true }}
              data-testid="doc-kind"
            />
            <TextInput
              type="date"
              label="Expires on"
              description="Optional"
              min={today}
              {...field('expiresOn')}
              data-testid="doc-expires"
            />
          </Group>

          {chosen ? (
            <Group gap="xs" wrap="nowrap" p="xs" style={{ border: '1px solid var(--pd-border-subtle)', borderRadius: 'var(--mantine-radius-sm)' }} data-testid="doc-chosen">
              <IconPaperclip size={16} />
              <Text size="sm" truncate="end" style={{ flex: 1 }}>
                {chosen.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatBytes(chosen.size)}
              </Text>
              <CloseButton size="sm" aria-label="Remove the chosen file" onClick={() => choose(null)} disabled={busy} />
            </Group>
          ) : bridge ? (
            <Group gap="sm">
              <Button variant="default" leftSection={<IconFileUpload size={16} />} onClick={() => void pickInElectron()} data-testid="doc-pick-file">
                Choose file…
              </Button>
              <Text size="xs" c="dimmed">
                PDF, PNG or JPEG, at most {formatBytes(MAX_DOCUMENT_BYTES)}
              </Text>
            </Group>
          ) : (
            <Dropzone
              onDrop={(files) => {
                const file = files[0];
                if (file) void readInBrowser(file);
              }}
              onReject={(rejections) => setChooserError(rejectionMessage(rejections))}
              accept={[...DOCUMENT_MIME_TYPES]}
              maxSize={MAX_DOCUMENT_BYTES}
              multiple={false}
              disabled={busy}
              inputProps={{ 'data-testid': 'doc-file-input' } as React.InputHTMLAttributes<HTMLInputElement>}
              data-testid="doc-dropzone"
            >
              <Group justify="center" gap="md" mih={72} style={{ pointerEvents: 'none' }}>
                <Dropzone.Accept>
                  <IconUpload size={28} color="var(--mantine-color-brand-6)" stroke={1.5} />
                </Dropzone.Accept>
                <Dropzone.Reject>
                  <IconFileX size={28} color="var(--mantine-color-red-6)" stroke={1.5} />
                </Dropzone.Reject>
                <Dropzone.Idle>
                  <IconFileUpload size={28} color="var(--mantine-color-dimmed)" stroke={1.5} />
                </Dropzone.Idle>
                <div>
                  <Text size="sm">Drop a file here or click to choose one</Text>
                  <Text size="xs" c="dimmed">
                    PDF, PNG or JPEG, at most {formatBytes(MAX_DOCUMENT_BYTES)}
                  </Text>
                </div>
              </Group>
            </Dropzone>
          )}
          {fileError ? (
            <Text size="xs" c="red" data-testid="doc-file-error">
              {fileError}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconUpload size={16} />} loading={busy} data-testid="doc-upload-submit">
              Upload
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function UploadingLabel({ reading }: { reading: boolean }) {
  return (
    <Stack align="center" gap="xs" data-testid="doc-uploading">
      <Loader size="md" />
      <Text size="sm" c="dimmed">
        {reading ? 'Reading the file…' : 'Uploading…'}
      </Text>
    </Stack>
  );
}


import { useState, type FormEvent } from 'react';
import { Button, CloseButton, Group, Loader, LoadingOverlay, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { IconFileUpload, IconFileX, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { DOCUMENT_MIME_TYPES, KYC_DOCUMENT_KINDS, MAX_DOCUMENT_BYTES, type KycDocumentKind } from '@shared/contract/partners';
import { useProcMutation } from '../../../api/hooks';
import { splitServerError } from '../../../forms/server-errors';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { formatBytes } from '../../../format/bytes';
import { readFileAsBase64 } from '../files';
import { DOC_KIND_LABEL, DOC_KIND_OPTIONS, isOneOf } from '../partner-labels';
import { useWorkspaceToday } from '../use-workspace-today';

/** A file chosen in the browser (read at upload time) or picked through Electron's dialog (already read). */
type Chosen = { source: 'browser'; file: File; name: string; size: number } | { source: 'electron'; name: string; mimeType: string; contentBase64: string; size: number };

const FIELDS = ['kind', 'expiresOn', 'file'] as const;
const ALIASES = { contentBase64: 'file', fileName: 'file' } as const;

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
  const [kind, setKind] = useState<KycDocumentKind | null>(null);
  const [expiresOn, setExpiresOn] = useState('');
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [localErrors, setLocalErrors] = useState<{ kind?: string; file?: string }>({});
  const [reading, setReading] = useState(false);
  const today = useWorkspaceToday();

  const upload = useProcMutation('partners.documents.upload', {
    inlineErrors: true,
    onSuccess: (doc) => {
      notifications.show({ color: 'green', title: 'Document uploaded', message: `${DOC_KIND_LABEL[doc.kind]}: ${doc.fileName} awaits review.` });
      setChosen(null);
      setExpiresOn('');
      setKind(null);
    },
  });
  const errors = splitServerError(upload.error, FIELDS, { aliases: ALIASES });
  const busy = reading || upload.isPending;
  const edited = () => {
    if (upload.error) upload.reset();
  };

  const choose = (c: Chosen | null) => {
    setChosen(c);
    setLocalErrors((e) => ({ ...e, file: undefined }));
    edited();
  };

  const pickInElectron = async () => {
    if (!bridge) return;
    const picked = await bridge.pickFile({ title: 'Choose a KYC document', extensions: ['pdf', 'png', 'jpg', 'jpeg'] });
    if (!picked) return;
    const size = sizeOfBase64(picked.contentBase64);
    if (size > MAX_DOCUMENT_BYTES) {
      setLocalErrors((e) => ({ ...e, file: `The file is larger than ${formatBytes(MAX_DOCUMENT_BYTES)}.` }));
      return;
    }
    choose({ source: 'electron', name: picked.name, mimeType: picked.mimeType, contentBase64: picked.contentBase64, size });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = { ...(kind ? {} : { kind: 'Choose the kind of document' }), ...(chosen ? {} : { file: 'Choose a file' }) };
    setLocalErrors(missing);
    if (!kind || !chosen) return;
    let contentBase64: string;
    if (chosen.source === 'electron') {
      contentBase64 = chosen.contentBase64;
    } else {
      setReading(true);
      try {
        contentBase64 = await readFileAsBase64(chosen.file);
      } catch {
        setLocalErrors({ file: 'Could not read the file. Choose it again.' });
        return;
      } finally {
        setReading(false);
      }
    }
    upload.mutate({ partnerId, kind, fileName: chosen.name, contentBase64, ...(expiresOn ? { expiresOn } : {}) });
  };

  const fileError = localErrors.file ?? errors.fields.file;

  return (
    <Paper withBorder radius="md" p="md" pos="relative" data-testid="doc-upload">
      <LoadingOverlay visible={busy} zIndex={5} overlayProps={{ blur: 1 }} loaderProps={{ children: <UploadingLabel reading={reading} /> }} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Text fw={600} size="sm">
            Upload a document
          </Text>
          <FormErrorAlert error={errors.form} />
          <Group align="flex-start" gap="sm" grow>
            <Select
              label="Kind"
              placeholder="Choose…"
              required
              data={DOC_KIND_OPTIONS}
              value={kind}
              onChange={(v) => {
                setKind(isOneOf(KYC_DOCUMENT_KINDS, v) ? v : null);
                setLocalErrors((e) => ({ ...e, kind: undefined }));
                edited();
              }}
              error={localErrors.kind ?? errors.fields.kind}
              comboboxProps={{ withinPortal: true }}
              data-testid="doc-kind"
            />
            <TextInput
              type="date"
              label="Expires on"
              description="Optional"
              min={today}
              value={expiresOn}
              onChange={(e) => {
                setExpiresOn(e.currentTarget.value);
                edited();
              }}
              error={errors.fields.expiresOn}
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
                if (file) choose({ source: 'browser', file, name: file.name, size: file.size });
              }}
              onReject={(rejections) => setLocalErrors((e) => ({ ...e, file: rejectionMessage(rejections) }))}
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


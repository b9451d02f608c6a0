import { useState } from 'react';
import { CloseButton, Group, Paper, Stack, Text } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { IconFileSpreadsheet, IconFileUpload, IconFileX, IconUpload } from '@tabler/icons-react';
import { LEAD_IMPORT_LIMITS } from '@shared/contract/leads';
import { formatBytes } from '../../../format/bytes';
import { readChosenFile, type ChosenFile } from './chosen-file';

const MAX = formatBytes(LEAD_IMPORT_LIMITS.maxBytes);
// Spreadsheets save CSV as text/csv, Windows often as application/vnd.ms-excel; the extensions decide.
const ACCEPT = { 'text/csv': ['.csv'], 'text/plain': ['.txt', '.csv'], 'application/vnd.ms-excel': ['.csv'] };

function rejectionMessage(rejections: FileRejection[]): string {
  const codes = rejections.flatMap((r) => r.errors.map((e) => e.code));
  if (codes.includes('file-too-large')) return `The file is larger than ${MAX}: split it into smaller files.`;
  if (codes.includes('file-invalid-type')) return 'Choose a CSV file (.csv or .txt).';
  if (codes.includes('too-many-files')) return 'Import one file at a time.';
  return rejections[0]?.errors[0]?.message ?? 'This file cannot be imported.';
}

interface Props {
  file: ChosenFile | null;
  onChange(file: ChosenFile | null): void;
  disabled?: boolean;
}

/**
 * The CSV file: dropped, or chosen with a click. In the desktop app the click opens the operating
 * system's own file dialog (Electron shows the native one for a file input), in a browser the
 * browser's. Files over the limit are refused here at once; the server refuses them too.
 */
export function FileDrop({ file, onChange, disabled }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);

  const read = async (picked: File) => {
    setError(null);
    setReading(true);
    try {
      onChange(await readChosenFile(picked));
    } catch {
      setError('Could not read the file. Choose it again.');
    } finally {
      setReading(false);
    }
  };

  if (file) {
    return (
      <Paper withBorder radius="md" p="sm" data-testid="import-file-chosen">
        <Group gap="sm" wrap="nowrap">
          <IconFileSpreadsheet size={22} stroke={1.5} aria-hidden />
          <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" fw={500} truncate="end">
              {file.name}
            </Text>
            <Text size="xs" c="dimmed">
              {formatBytes(file.size)}
            </Text>
          </Stack>
          <CloseButton aria-label="Choose another file" onClick={() => onChange(null)} disabled={disabled} data-testid="import-file-clear" />
        </Group>
      </Paper>
    );
  }

  return (
    <Stack gap={4}>
      <Dropzone
        onDrop={(files) => {
          const picked = files[0];
          if (picked) void read(picked);
        }}
        onReject={(rejections) => setError(rejectionMessage(rejections))}
        accept={ACCEPT}
        maxSize={LEAD_IMPORT_LIMITS.maxBytes}
        multiple={false}
        loading={reading}
        disabled={disabled}
        aria-label="CSV file: drop it here or press Enter to choose one"
        inputProps={{ 'aria-label': 'CSV file', 'data-testid': 'import-file-input' } as React.InputHTMLAttributes<HTMLInputElement>}
        data-testid="import-dropzone"
      >
        <Group justify="center" gap="lg" mih={120} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={40} color="var(--mantine-color-brand-6)" stroke={1.5} />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconFileX size={40} color="var(--mantine-color-red-6)" stroke={1.5} />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileUpload size={40} color="var(--mantine-color-dimmed)" stroke={1.5} />
          </Dropzone.Idle>
          <div>
            <Text size="md" fw={500}>
              Drop a CSV file here or click to choose one
            </Text>
            <Text size="sm" c="dimmed">
              Comma, semicolon or tab separated; UTF-8 or Windows-1252; at most {MAX}
            </Text>
          </div>
        </Group>
      </Dropzone>
      {error ? (
        <Text size="sm" c="red" role="alert" data-testid="import-file-error">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

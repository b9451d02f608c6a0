import { Alert, Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import type { LeadImport } from '@shared/contract/leads';
import { useProcQuery } from '../../../api/hooks';
import { QueryError } from '../../../components/QueryError';
import type { ChosenFile } from './chosen-file';
import { DELIMITER_LABEL, ENCODING_LABEL } from './import-labels';
import { StartImportForm } from './StartImportForm';

interface Props {
  partnerId: string | undefined;
  file: ChosenFile;
  onStarted(started: LeadImport): void;
}

/** Step 2: what the server read of the file's head (encoding, delimiter, first rows) and the mapping to confirm. */
export function ImportPreview({ partnerId, file, onStarted }: Props) {
  const preview = useProcQuery(
    'leads.previewImport',
    { ...(partnerId ? { partnerId } : {}), fileName: file.name, contentBase64: file.headBase64 },
    // Read once: the same head reads the same. Disabled once loaded, so the invalidation after
    // Start (its effects name `leads`) does not parse the head again while the import runs.
    { enabled: (query) => query.state.data === undefined, staleTime: Infinity, gcTime: 0, retry: false },
  );

  if (preview.error) return <QueryError error={preview.error} onRetry={() => void preview.refetch()} />;
  if (!preview.data) return <Skeleton h={260} radius="md" data-testid="import-preview-loading" />;
  const { encoding, delimiter, mappingSource, rows } = preview.data;

  return (
    <Stack gap="md" data-testid="import-preview">
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          Read as
        </Text>
        <Badge variant="light" radius="sm" tt="none" data-testid="import-encoding">
          {ENCODING_LABEL[encoding]}
        </Badge>
        <Badge variant="light" color="gray" radius="sm" tt="none" data-testid="import-delimiter">
          {DELIMITER_LABEL[delimiter]} separated
        </Badge>
        <Text size="sm" c="dimmed">
          · first {rows.length.toLocaleString()} {rows.length === 1 ? 'row' : 'rows'} shown
        </Text>
      </Group>
      {mappingSource === 'remembered' ? (
        <Alert variant="light" color="brand" icon={<IconHistory size={18} />} data-testid="import-mapping-remembered">
          The columns are mapped as in this partner&apos;s last import with the same headers.
        </Alert>
      ) : (
        <Text size="sm" c="dimmed" data-testid="import-mapping-suggested">
          The columns are mapped from their names. Check each one; the mapping is remembered for this partner&apos;s next import.
        </Text>
      )}
      <StartImportForm partnerId={partnerId} file={file} preview={preview.data} onStarted={onStarted} />
    </Stack>
  );
}

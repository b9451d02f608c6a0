import { useState, type ReactNode } from 'react';
import { Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import type { LeadImport } from '@shared/contract/leads';
import { QueryError } from '../../../components/QueryError';
import { PageHeader } from '../../../components/PageHeader';
import { useSession } from '../../../stores/session-store';
import { LinkButton } from '../LinkButton';
import { PartnerPicker } from '../PartnerPicker';
import type { ChosenFile } from './chosen-file';
import { FileDrop } from './FileDrop';
import { ImportPreview } from './ImportPreview';
import { ImportProgress } from './ImportProgress';
import { ImportResult } from './ImportResult';
import { RecentImports } from './RecentImports';
import { useImportProgress } from './use-import-progress';

export function Step({ n, title, children, testId }: { n: number; title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="lg" data-testid={testId}>
      <Stack gap="md">
        <Title order={2} size="h4">
          {n}. {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

export function RunningImport({ started, onAnother }: { started: LeadImport; onAnother(): void }) {
  const imp = useImportProgress(started);
  if (imp.error) return <QueryError error={imp.error} onRetry={() => void imp.refetch()} />;
  if (!imp.data) return <Skeleton h={120} radius="md" />;
  return imp.data.status === 'running' ? <ImportProgress running={imp.data} /> : <ImportResult result={imp.data} onAnother={onAnother} />;
}

/**
 * `/leads/import`: a partner's CSV file in four steps: choose the partner and the file, check
 * how its columns map to lead fields over its first rows, follow the import, read its outcome.
 */
export function ImportScreen() {
  const { user } = useSession();
  // Staff import for a partner they pick; a partner user (the portal) imports for their own.
  const picksPartner = user.kind === 'staff';
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [started, setStarted] = useState<LeadImport | null>(null);
  const ready = file !== null && (partnerId !== null || !picksPartner);

  const startOver = () => {
    setStarted(null);
    setFile(null);
  };

  return (
    <>
      <PageHeader
        title="Import leads"
        description="Leads from a partner's CSV file: every row is checked, then all accepted rows are added at once."
        actions={
          <LinkButton to="/leads/review" variant="default" leftSection={<IconListCheck size={16} />} data-testid="import-queue-link">
            Review queue
          </LinkButton>
        }
      />
      <Stack gap="lg">
        {started ? (
          <RunningImport started={started} onAnother={startOver} />
        ) : (
          <>
            <Step n={1} title={picksPartner ? 'Partner and file' : 'File'} testId="import-step-file">
              {picksPartner ? (
                <PartnerPicker
                  label="Import for partner"
                  placeholder="Search active partners"
                  required
                  activeOnly
                  value={partnerId}
                  onChange={setPartnerId}
                  w={420}
                  data-testid="import-partner"
                />
              ) : null}
              <FileDrop file={file} onChange={setFile} />
            </Step>
            <Step n={2} title="Check the columns" testId="import-step-mapping">
              {ready ? (
                // Keyed: another file or partner is a new preview, a new mapping and a new form.
                <ImportPreview key={`${file.idempotencyKey}:${partnerId ?? ''}`} partnerId={partnerId ?? undefined} file={file} onStarted={setStarted} />
              ) : (
                <Text size="sm" c="dimmed">
                  {picksPartner && !partnerId ? 'Choose the partner and a file' : 'Choose a file'} to see its first rows and how its columns map to lead fields.
                </Text>
              )}
            </Step>
          </>
        )}
        <RecentImports />
      </Stack>
    </>
  );
}

import { useState } from 'react';
import { Stack, Text } from '@mantine/core';
import type { LeadImport } from '@shared/contract/leads';
import type { ChosenFile } from '../../leads/import/chosen-file';
import { FileDrop } from '../../leads/import/FileDrop';
import { ImportPreview } from '../../leads/import/ImportPreview';
import { RunningImport, Step } from '../../leads/import/ImportScreen';
import { RecentImports } from '../../leads/import/RecentImports';
import { PortalPage } from '../shell/PortalPage';

/**
 * `/portal/leads/import`: the staff import steps for the session's own partner (no partner
 * picker: the server takes it from the session): the file, its columns mapped over the first
 * rows, the progress, then the outcome with the report of every refused row.
 */
export function PortalLeadImportScreen() {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [started, setStarted] = useState<LeadImport | null>(null);
  const startOver = () => {
    setStarted(null);
    setFile(null);
  };
  return (
    <PortalPage title="Import leads" description="A CSV file of leads: every row is checked, then all accepted rows are added at once." testId="portal-lead-import">
      <Stack gap="lg">
        {started ? (
          <RunningImport started={started} onAnother={startOver} />
        ) : (
          <>
            <Step n={1} title="File" testId="import-step-file">
              <FileDrop file={file} onChange={setFile} />
            </Step>
            <Step n={2} title="Check the columns" testId="import-step-mapping">
              {file ? (
                // Keyed: another file is a new preview, a new mapping and a new form.
                <ImportPreview key={file.idempotencyKey} partnerId={undefined} file={file} onStarted={setStarted} />
              ) : (
                <Text size="sm" c="dimmed">
                  Choose a file to see its first rows and how its columns map to lead fields.
                </Text>
              )}
            </Step>
          </>
        )}
        <RecentImports />
      </Stack>
    </PortalPage>
  );
}

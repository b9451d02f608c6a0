import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import type { ImportColumn, LeadImport, LeadImportPreview } from '@shared/contract/leads';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { useContractForm } from '../../../forms/use-contract-form';
import type { ChosenFile } from './chosen-file';
import { MappingTable } from './MappingTable';

interface Props {
  partnerId: string | undefined;
  file: ChosenFile;
  preview: LeadImportPreview;
  onStarted(started: LeadImport): void;
}

/** The column mapping over the previewed rows, and the start of the import with it. */
export function StartImportForm({ partnerId, file, preview, onStarted }: Props) {
  const { form, field, formError, unshownErrors, onSubmit, mutation } = useContractForm('leads.startImport', {
    initialValues: { mapping: preview.columns },
    toInput: ({ mapping }: { mapping: ImportColumn[] }) => ({
      input: { ...(partnerId ? { partnerId } : {}), fileName: file.name, contentBase64: file.contentBase64, mapping, idempotencyKey: file.idempotencyKey },
    }),
    onSuccess: (started) => onStarted(started),
  });
  const { mapping } = form.getValues();
  // The file's and the partner's errors are about step 1, but shown here, where Start was pressed.
  const otherErrors = [field('contentBase64').error, field('fileName').error, field('partnerId').error].filter(Boolean);
  const mappingError = field('mapping').error;

  return (
    <form onSubmit={onSubmit} noValidate data-testid="import-start-form">
      <Stack gap="md">
        <FormErrorAlert error={formError} />
        {otherErrors.length > 0 || unshownErrors.length > 0 ? (
          <Alert color="red" variant="light" role="alert" data-testid="import-start-error">
            {[...otherErrors, ...unshownErrors].map((m, i) => (
              <Text key={i} size="sm">
                {m}
              </Text>
            ))}
          </Alert>
        ) : null}
        <MappingTable
          mapping={mapping}
          rows={preview.rows}
          onTarget={(i, target) => {
            form.setFieldValue(`mapping.${i}.target`, target);
            form.clearFieldError('mapping');
          }}
          error={mappingError}
          disabled={mutation.isPending}
        />
        <Group justify="space-between" align="center">
          <Text size="sm" c="dimmed">
            Every row is checked first; the leads are written only if the file can be read to its end, all in one go.
          </Text>
          <Button type="submit" leftSection={<IconPlayerPlay size={16} />} loading={mutation.isPending} data-testid="import-start">
            Start import
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

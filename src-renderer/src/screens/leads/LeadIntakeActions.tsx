import { Button } from '@mantine/core';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useCan } from '../../api/use-can';
import { LinkButton } from './LinkButton';

/** The header actions that bring leads in, shown to whoever may use them: import a CSV, submit one lead (the screen opens its drawer). */
export function LeadIntakeActions({ onSubmit }: { onSubmit: () => void }) {
  const canSubmit = useCan('leads.submit');
  const canImport = useCan('leads.startImport');
  return (
    <>
      {canImport ? (
        <LinkButton to="/leads/import" variant="default" leftSection={<IconFileImport size={16} />} data-testid="leads-import-open">
          Import CSV
        </LinkButton>
      ) : null}
      {canSubmit ? (
        <Button leftSection={<IconPlus size={16} />} onClick={onSubmit} data-testid="leads-submit-open">
          Submit a lead
        </Button>
      ) : null}
    </>
  );
}

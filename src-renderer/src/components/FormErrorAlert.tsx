import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { AppError } from '@shared/contract/errors';

/** A non-field error inside a form (wrong password, rate limit, conflict…). */
export function FormErrorAlert({ error, testId = 'form-error' }: { error: AppError | null; testId?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid={testId} role="alert">
      {error.message}
    </Alert>
  );
}

import { useState } from 'react';
import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconEye } from '@tabler/icons-react';
import { LEAD_SCORE_SIGNALS, MAX_LEAD_SCORE_WEIGHT, type LeadScoreSignal, type LeadScoreWeights, type LeadSettingsView } from '@shared/contract/leads';
import { useProcQuery } from '../../api/hooks';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useContractForm } from '../../forms/use-contract-form';
import { SIGNAL_LABEL } from './lead-labels';
import { SIGNAL_EXPLANATION } from './score-signals';
import { WeightsPreviewTable } from './WeightsPreviewTable';

type WeightValues = Record<LeadScoreSignal, number | string>;

/** A cleared input is '' to Mantine: sent as NaN, which the schema refuses as "must be a number" on its field. */
const asWeights = (values: WeightValues): LeadScoreWeights =>
  Object.fromEntries(LEAD_SCORE_SIGNALS.map((s) => [s, typeof values[s] === 'number' ? values[s] : Number.NaN])) as LeadScoreWeights;

/**
 * One weight per signal with what the signal judges, a preview of the proposed weights on the
 * most recent leads (nothing is saved by it), and Save. Saving changes how new leads are scored;
 * stored scores stay until an admin rescores the pending leads.
 */
export function ScoreWeightsForm({ settings }: { settings: LeadSettingsView }) {
  const [proposed, setProposed] = useState<LeadScoreWeights | null>(null);
  const { field, form, onSubmit, mutation, formError } = useContractForm('leads.updateSettings', {
    initialValues: { weights: { ...settings.weights } as WeightValues },
    toInput: (v) => ({ input: { weights: asWeights(v.weights) } }),
    onSuccess: () => {
      notifications.show({ color: 'green', title: 'Weights saved', message: 'New leads are scored with them. Stored scores change only when you rescore the pending leads.' });
      form.resetDirty();
    },
  });
  const preview = useProcQuery('leads.previewWeights', { weights: proposed ?? settings.weights }, { enabled: proposed !== null });

  const runPreview = () => {
    if (form.validate().hasErrors) return;
    setProposed(asWeights(form.getValues().weights));
  };
  const maxima = preview.data && proposed ? preview.data.maxima : settings.maxima;
  // "At least one above 0" is refused on `weights` itself, by the domain's rule on the server.
  const allWeightsError = field('weights').error as string | undefined;

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="lead-weights-title">
      <form onSubmit={onSubmit} noValidate data-testid="lead-weights-form">
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={2} size="h4" id="lead-weights-title">
              Score weights
            </Title>
            <Text size="sm" c="dimmed">
              Relative weights, whole numbers from 0 to {MAX_LEAD_SCORE_WEIGHT}: the score scales them so the signals share 100 points. 0 switches a signal off.
            </Text>
          </Stack>
          <FormErrorAlert error={formError} />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            {LEAD_SCORE_SIGNALS.map((signal) => (
              <NumberInput
                key={signal}
                label={SIGNAL_LABEL[signal]}
                description={`${SIGNAL_EXPLANATION[signal]} Up to ${maxima[signal]} points.`}
                min={0}
                max={MAX_LEAD_SCORE_WEIGHT}
                allowDecimal={false}
                allowNegative={false}
                {...field(`weights.${signal}`)}
                data-testid={`lead-weight-${signal}`}
              />
            ))}
          </SimpleGrid>
          {allWeightsError ? (
            <Text size="sm" c="red" role="alert" data-testid="lead-weights-error">
              {allWeightsError}
            </Text>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" leftSection={<IconEye size={16} />} onClick={runPreview} loading={preview.isFetching} data-testid="lead-weights-preview">
              Preview on recent leads
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={mutation.isPending} data-testid="lead-weights-save">
              Save weights
            </Button>
          </Group>
          {proposed ? <WeightsPreviewTable query={preview} /> : null}
        </Stack>
      </form>
    </Paper>
  );
}

import { ActionIcon, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { REJECTION_REASON_LIMITS, type LeadSettingsView } from '@shared/contract/leads';
import { currencyFractionDigits, minorToDecimalString, parseMoney } from '@shared/money';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useContractForm } from '../../forms/use-contract-form';

const numberOrNaN = (v: number | string) => (typeof v === 'number' ? v : Number.NaN);

/**
 * The rest of the lead settings: the duplicate protection window, the reference deal value (typed
 * in the workspace currency, sent in minor units), the partner-history threshold, and the list of
 * standard rejection reasons the reject dialogs offer. One Save, through `leads.updateSettings`.
 */
export function LeadRulesForm({ settings }: { settings: LeadSettingsView }) {
  const { currency } = settings;
  const digits = currencyFractionDigits(currency);
  const { field, form, onSubmit, mutation, formError } = useContractForm('leads.updateSettings', {
    initialValues: {
      protectionWindowDays: settings.protectionWindowDays as number | string,
      referenceDealValueMinor: minorToDecimalString(settings.referenceDealValueMinor, digits),
      minPartnerDecisions: settings.minPartnerDecisions as number | string,
      rejectionReasons: [...settings.rejectionReasons],
    },
    toInput: (v) => {
      const reference = parseMoney(v.referenceDealValueMinor, currency);
      const errors: Record<string, string> = reference === null ? { referenceDealValueMinor: `Enter an amount in ${currency}, e.g. ${minorToDecimalString(10_000 * 10 ** digits, digits)}` } : {};
      return {
        input: {
          protectionWindowDays: numberOrNaN(v.protectionWindowDays),
          referenceDealValueMinor: reference ?? 0,
          minPartnerDecisions: numberOrNaN(v.minPartnerDecisions),
          rejectionReasons: v.rejectionReasons,
        },
        errors,
      };
    },
    onSuccess: () => {
      notifications.show({ color: 'green', title: 'Lead settings saved', message: 'They apply to the next submissions and reviews.' });
      form.resetDirty();
    },
  });
  const reasons = form.getValues().rejectionReasons;
  const listError = field('rejectionReasons').error as string | undefined;

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="lead-rules-title">
      <form onSubmit={onSubmit} noValidate data-testid="lead-rules-form">
        <Stack gap="md">
          <Title order={2} size="h4" id="lead-rules-title">
            Duplicates, value and reasons
          </Title>
          <FormErrorAlert error={formError} />
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
            <NumberInput
              label="Protection window (days)"
              description="A lead matching a live lead registered this many days earlier or less is flagged as its duplicate."
              min={1}
              max={3650}
              allowDecimal={false}
              allowNegative={false}
              {...field('protectionWindowDays')}
              data-testid="lead-protection-window"
            />
            <TextInput
              label="Reference deal value"
              description="The estimated deal value that earns the full estimated-value points."
              inputMode="decimal"
              leftSection={
                <Text size="xs" c="dimmed">
                  {currency}
                </Text>
              }
              leftSectionWidth={48}
              {...field('referenceDealValueMinor')}
              data-testid="lead-reference-value"
            />
            <NumberInput
              label="Decided leads before partner history counts"
              description="Below this many decided leads, a partner's approval rate is too thin to judge: the signal is neutral."
              min={1}
              max={1000}
              allowDecimal={false}
              allowNegative={false}
              {...field('minPartnerDecisions')}
              data-testid="lead-min-decisions"
            />
          </SimpleGrid>
          <Stack gap="xs">
            <Text size="sm" fw={500} id="lead-reasons-label">
              Standard rejection reasons
            </Text>
            <Text size="xs" c="dimmed">
              Offered when a reviewer rejects a lead; they may still write another reason. The partner sees the reason. 1 to {REJECTION_REASON_LIMITS.maxReasons} reasons,
              each at most {REJECTION_REASON_LIMITS.length} characters.
            </Text>
            <Stack gap={6} role="group" aria-labelledby="lead-reasons-label" data-testid="lead-reasons">
              {reasons.map((_, i) => (
                <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
                  <TextInput style={{ flex: 1 }} aria-label={`Reason ${i + 1}`} {...field(`rejectionReasons.${i}`)} data-testid="lead-reason-input" />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={`Remove reason ${i + 1}`}
                    onClick={() => form.removeListItem('rejectionReasons', i)}
                    data-testid="lead-reason-remove"
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
            {listError ? (
              <Text size="sm" c="red" role="alert" data-testid="lead-reasons-error">
                {listError}
              </Text>
            ) : null}
            <Group>
              <Button
                variant="subtle"
                leftSection={<IconPlus size={16} />}
                onClick={() => form.insertListItem('rejectionReasons', '')}
                disabled={reasons.length >= REJECTION_REASON_LIMITS.maxReasons}
                data-testid="lead-reason-add"
              >
                Add a reason
              </Button>
            </Group>
          </Stack>
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={mutation.isPending} data-testid="lead-rules-save">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import { useState, type ReactNode } from 'react';
import { ActionIcon, Button, Divider, Drawer, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Input } from '@shared/contract';
import { FORM_SUBMISSION_TYPES, type LeadSubmitted } from '@shared/contract/leads';
import { currencyFractionDigits, minorToDecimalString, parseMoney } from '@shared/money';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useContractForm, type Converted } from '../../forms/use-contract-form';
import { useSession } from '../../stores/session-store';
import { countryOptions } from '../partners/partner-labels';
import { SUBMISSION_TYPE_LABEL } from './lead-labels';
import { PartnerPicker } from './PartnerPicker';

type SubmitInput = Input<'leads.submit'>;

/** The contract input's paths, with the partner and country as the pickers hold them and the value as typed text. */
type Values = Omit<SubmitInput, 'partnerId' | 'country' | 'estimatedValueMinor' | 'extra'> & {
  partnerId: string | null;
  country: string | null;
  estimatedValueMinor: string;
  extra: { key: string; value: string }[];
};

/**
 * A new idempotency key per opened form: a retry of the same submission (a double click, a
 * timeout and a second try) sends the same key and gets the first lead back, never a second one.
 */
function newKey(): string {
  return `staff-${crypto.randomUUID()}`;
}

function initialValues(): Values {
  return {
    partnerId: null,
    type: 'new_lead',
    idempotencyKey: newKey(),
    contactName: '',
    company: '',
    email: '',
    phone: '',
    country: null,
    jobTitle: '',
    productInterest: '',
    website: '',
    notes: '',
    estimatedValueMinor: '',
    extra: [],
  };
}

function toInput(v: Values, currency: string, picksPartner: boolean): Converted<SubmitInput> {
  const errors: Record<string, string> = {};
  let estimatedValueMinor: number | undefined;
  if (v.estimatedValueMinor.trim() !== '') {
    const minor = parseMoney(v.estimatedValueMinor, currency);
    const digits = currencyFractionDigits(currency);
    if (minor === null) errors.estimatedValueMinor = `Enter an amount in ${currency}, e.g. ${minorToDecimalString(12500 * 10 ** digits, digits)}`;
    else estimatedValueMinor = minor;
  }
  // A partner user submits for their own partner: the server takes it from the session.
  if (picksPartner && !v.partnerId) errors.partnerId = 'Choose the partner the lead comes from';
  const extra = v.extra.filter((p) => p.key.trim() !== '' || p.value.trim() !== '');
  return {
    input: {
      ...v,
      partnerId: v.partnerId ?? undefined,
      country: v.country ?? undefined,
      estimatedValueMinor,
      extra: extra.length > 0 ? extra : undefined,
    },
    errors,
  };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm">
      <Divider label={<Text size="xs" fw={600} tt="uppercase" c="dimmed">{title}</Text>} labelPosition="left" />
      {children}
    </Stack>
  );
}

/** The lead form, for staff (who pick the partner) and, in the portal, for partner users (their own partner). */
export function SubmitLeadForm({ onClose, onSubmitted }: { onClose(): void; onSubmitted(leadId: string, result: LeadSubmitted): void }) {
  const { tenant, user } = useSession();
  const currency = tenant.currency;
  const picksPartner = user.kind === 'staff';
  const [initial] = useState(initialValues);
  const { form, field, formError, unshownErrors, onSubmit, mutation } = useContractForm('leads.submit', {
    initialValues: initial,
    toInput: (v: Values) => toInput(v, currency, picksPartner),
    onSuccess: (result: LeadSubmitted) => {
      const { lead, created } = result;
      notifications.show({
        color: created ? 'green' : 'gray',
        title: created ? 'Lead submitted' : 'Already submitted',
        message: created
          ? `${lead.contactName} for ${lead.partner.name}: score ${lead.score}${lead.duplicateFlag ? ', flagged as a possible duplicate' : ''}.`
          : `This submission was already received; ${lead.contactName} was not added twice.`,
      });
      onSubmitted(lead.id, result);
    },
  });
  const values = form.getValues();
  const partnerProps = field('partnerId');

  return (
    <form onSubmit={onSubmit} noValidate data-testid="lead-submit-form">
      <Stack gap="lg">
        <FormErrorAlert error={formError} />
        {unshownErrors.length > 0 ? (
          <Text size="sm" c="red">
            {unshownErrors.join(' ')}
          </Text>
        ) : null}
        <Section title={picksPartner ? 'Partner' : 'Submission'}>
          {picksPartner ? (
            <PartnerPicker
              label="On behalf of"
              placeholder="Search active partners"
              required
              activeOnly
              value={values.partnerId}
              onChange={(id) => form.setFieldValue('partnerId', id)}
              error={partnerProps.error}
              data-testid="lead-partner"
            />
          ) : null}
          <SegmentedControl
            data={FORM_SUBMISSION_TYPES.map((t) => ({ value: t, label: SUBMISSION_TYPE_LABEL[t] }))}
            value={values.type}
            onChange={(v) => form.setFieldValue('type', v === 'referral' ? 'referral' : 'new_lead')}
            aria-label="Submission type"
            data-testid="lead-type"
          />
        </Section>
        <Section title="Contact">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Contact name" required data-autofocus {...field('contactName')} data-testid="lead-contact-name" />
            <TextInput label="Company" {...field('company')} data-testid="lead-company" />
            <TextInput label="Email" type="email" {...field('email')} data-testid="lead-email" />
            <TextInput label="Phone" type="tel" placeholder="+49 30 1234567" {...field('phone')} data-testid="lead-phone" />
            <TextInput label="Job title" {...field('jobTitle')} data-testid="lead-job-title" />
            <Select
              label="Country"
              placeholder="Search countries"
              searchable
              clearable
              data={countryOptions()}
              {...field('country')}
              nothingFoundMessage="No country matches"
              comboboxProps={{ withinPortal: true }}
              data-testid="lead-country"
            />
          </SimpleGrid>
          <TextInput label="Website" placeholder="https://example.com" {...field('website')} data-testid="lead-website" />
        </Section>
        <Section title="Opportunity">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Product interest" {...field('productInterest')} data-testid="lead-product" />
            <TextInput
              label="Estimated deal value"
              inputMode="decimal"
              placeholder="12,500.00"
              leftSection={<Text size="xs" c="dimmed">{currency}</Text>}
              leftSectionWidth={48}
              {...field('estimatedValueMinor')}
              data-testid="lead-estimated-value-input"
            />
          </SimpleGrid>
          <Textarea label="Notes" autosize minRows={2} maxRows={6} {...field('notes')} data-testid="lead-notes" />
        </Section>
        <Section title="Extra fields">
          {values.extra.map((_, i) => (
            <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput aria-label={`Extra field ${i + 1} name`} placeholder="Field" {...field(`extra.${i}.key`)} style={{ flex: 1 }} />
              <TextInput aria-label={`Extra field ${i + 1} value`} placeholder="Value" {...field(`extra.${i}.value`)} style={{ flex: 2 }} />
              <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Remove extra field ${i + 1}`} onClick={() => form.removeListItem('extra', i)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('extra', { key: '', value: '' })} data-testid="lead-extra-add">
              Add a field
            </Button>
          </Group>
        </Section>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="lead-submit">
            Submit lead
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface Props {
  opened: boolean;
  onClose(): void;
  onSubmitted?(leadId: string): void;
}

/** Staff register a lead on behalf of a partner, with the same procedure and rules as the partner's own submission. */
export function SubmitLeadDrawer({ opened, onClose, onSubmitted }: Props) {
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size={640} title={<Text fw={600}>Submit a lead for a partner</Text>} closeOnClickOutside={false}>
      {opened ? (
        <SubmitLeadForm
          onClose={onClose}
          onSubmitted={(id) => {
            onClose();
            onSubmitted?.(id);
          }}
        />
      ) : null}
    </Drawer>
  );
}

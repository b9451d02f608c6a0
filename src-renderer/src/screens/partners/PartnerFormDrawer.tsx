import type { ReactNode } from 'react';
import { Button, Divider, Drawer, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  COMMISSION_MODELS,
  PARTNER_TYPES,
  type Partner,
} from '@shared/contract/partners';
import type { Input } from '@shared/contract';
import { useSession } from '../../stores/session-store';
import { useContractForm, type Converted } from '../../forms/use-contract-form';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { bpToPercentText, currencyFractionDigits, minorToDecimalString, parseMoney, parsePercentToBp } from '@shared/money';
import { MODEL_HINT, MODEL_OPTIONS, PAYOUT_OPTIONS, TIER_OPTIONS, TYPE_OPTIONS, countryOptions, isOneOf, MONO_INPUT_STYLES } from './partner-labels';

type CreateInput = Input<'partners.create'>;

/**
 * The form's values have the contract input's shape and dotted paths (`contact.email`,
 * `terms.rateBp`), so schema and server errors land beside the right input; only the rate and the
 * fixed price are held as the text the user typed, and the country as the picker's value.
 */
type Values = Omit<CreateInput, 'terms' | 'country'> & {
  country: string | null;
  terms: Omit<NonNullable<CreateInput['terms']>, 'rateBp' | 'fixedPriceMinor' | 'monthlyLeadQuota'> & {
    rateBp: string;
    fixedPriceMinor: string;
    monthlyLeadQuota: number | string;
  };
};

function initialValues(partner: Partner | null, currency: string): Values {
  if (!partner) {
    return {
      type: 'channel_partner',
      code: '',
      legalName: '',
      displayName: '',
      contact: { name: '', email: '', phone: '' },
      country: null,
      taxId: '',
      address: { line1: '', line2: '', city: '', postalCode: '', region: '' },
      terms: { commissionModel: 'percentage', rateBp: '', fixedPriceMinor: '', tier: 'bronze', monthlyLeadQuota: 0 },
      payoutMethod: 'bank_transfer',
    };
  }
  const t = partner.terms;
  const a = partner.address;
  return {
    type: partner.type,
    code: partner.code,
    legalName: partner.legalName,
    displayName: partner.displayName,
    contact: { name: partner.contact.name, email: partner.contact.email, phone: partner.contact.phone ?? '' },
    country: partner.country,
    taxId: partner.taxId ?? '',
    address: { line1: a.line1 ?? '', line2: a.line2 ?? '', city: a.city ?? '', postalCode: a.postalCode ?? '', region: a.region ?? '' },
    terms: {
      commissionModel: t.commissionModel,
      rateBp: t.commissionModel === 'fixed' ? '' : bpToPercentText(t.rateBp),
      fixedPriceMinor: t.commissionModel === 'percentage' ? '' : minorToDecimalString(t.fixedPriceMinor, currencyFractionDigits(currency)),
      tier: t.tier,
      monthlyLeadQuota: t.monthlyLeadQuota,
    },
    payoutMethod: partner.payoutMethod,
  };
}

/** The values as the contract wants them, plus the errors found while reading percent and money text. */
function toInput(v: Values, currency: string): Converted<CreateInput> {
  const errors: Record<string, string> = {};
  let rateBp = 0;
  let fixedPriceMinor = 0;
  const model = v.terms.commissionModel;
  if (model !== 'fixed') {
    const bp = parsePercentToBp(v.terms.rateBp);
    if (bp === null) errors['terms.rateBp'] = 'Enter a rate between 0 and 100 with at most two decimals, e.g. 12.5';
    else rateBp = bp;
  }
  if (model !== 'percentage') {
    const digits = currencyFractionDigits(currency);
    const minor = parseMoney(v.terms.fixedPriceMinor, currency);
    if (minor === null) errors['terms.fixedPriceMinor'] = `Enter an amount in ${currency}, e.g. ${minorToDecimalString(25 * 10 ** digits, digits)}`;
    else if (minor < 0) errors['terms.fixedPriceMinor'] = 'Amount cannot be negative';
    else fixedPriceMinor = minor;
  }
  if (!v.country) errors.country = 'Choose a country';
  const quota = v.terms.monthlyLeadQuota === '' ? 0 : Number(v.terms.monthlyLeadQuota);
  return {
    input: { ...v, country: v.country ?? '', terms: { ...v.terms, rateBp, fixedPriceMinor, monthlyLeadQuota: quota } },
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

interface PartnerFormProps {
  partner: Partner | null;
  onClose(): void;
  onSaved(partner: Partner): void;
}

function PartnerForm({ partner, onClose, onSaved }: PartnerFormProps) {
  const { tenant } = useSession();
  const currency = tenant.currency;
  const onSuccess = (saved: Partner) => {
    notifications.show({
      color: 'green',
      title: partner ? 'Partner saved' : 'Partner created',
      message: partner ? `${saved.displayName} was updated.` : `${saved.displayName} (${saved.code}) is pending approval.`,
    });
    onSaved(saved);
  };
  const create = useContractForm('partners.create', {
    initialValues: initialValues(partner, currency),
    toInput: (v: Values) => toInput(v, currency),
    onSuccess,
  });
  const update = useContractForm('partners.update', {
    initialValues: initialValues(partner, currency),
    toInput: (v: Values) => {
      const { input, errors } = toInput(v, currency);
      return { input: { id: partner?.id ?? '', ...input }, errors };
    },
    onSuccess,
  });
  const { form, field, formError, unshownErrors, onSubmit, mutation } = partner ? update : create;
  const values = form.getValues();
  const model = values.terms.commissionModel;

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="lg">
        <FormErrorAlert error={formError} />
        {unshownErrors.length > 0 ? <Text size="sm" c="red">{unshownErrors.join(' ')}</Text> : null}
        <Section title="Partner">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Type
            </Text>
            <SegmentedControl
              data={TYPE_OPTIONS}
              value={values.type}
              onChange={(v) => isOneOf(PARTNER_TYPES, v) && form.setFieldValue('type', v)}
              fullWidth
              data-testid="partner-type"
            />
            {form.errors.type ? (
              <Text size="xs" c="red">
                {form.errors.type}
              </Text>
            ) : null}
          </Stack>
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="Legal name" required data-autofocus {...field('legalName')} data-testid="partner-legal-name" />
            <TextInput
              label="Display name"
              description="Defaults to the legal name"
              {...field('displayName')}
              data-testid="partner-display-name"
            />
            <TextInput
              label="Code"
              placeholder="Generated, e.g. CP-0042"
              description={partner ? undefined : 'Leave empty to generate one'}
              {...field('code')}
              styles={MONO_INPUT_STYLES}
              data-testid="partner-code"
            />
            <TextInput label="Tax ID" {...field('taxId')} data-testid="partner-tax-id" />
          </SimpleGrid>
        </Section>

        <Section title="Contact">
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="Contact name" required {...field('contact.name')} data-testid="partner-contact-name" />
            <TextInput
              label="Contact email"
              type="email"
              required
              {...field('contact.email')}
              data-testid="partner-contact-email"
            />
            <TextInput
              label="Phone"
              type="tel"
              placeholder="+44 20 7946 0958"
              {...field('contact.phone')}
              data-testid="partner-contact-phone"
            />
          </SimpleGrid>
        </Section>

        <Section title="Address">
          <Select
            label="Country"
            required
            placeholder="Search countries"
            searchable
            data={countryOptions()}
            {...field('country')}
            nothingFoundMessage="No country matches"
            maxDropdownHeight={280}
            comboboxProps={{ withinPortal: true }}
            data-testid="partner-country"
          />
          <TextInput label="Address line 1" {...field('address.line1')} data-testid="partner-address-line1" />
          <TextInput label="Address line 2" {...field('address.line2')} data-testid="partner-address-line2" />
          <SimpleGrid cols={3} spacing="sm">
            <TextInput label="Postal code" {...field('address.postalCode')} data-testid="partner-address-postal" />
            <TextInput label="City" {...field('address.city')} data-testid="partner-address-city" />
            <TextInput label="Region" {...field('address.region')} data-testid="partner-address-region" />
          </SimpleGrid>
        </Section>

        <Section title="Commercial terms">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Commission model
            </Text>
            <SegmentedControl
              data={MODEL_OPTIONS}
              value={model}
              onChange={(v) => isOneOf(COMMISSION_MODELS, v) && form.setFieldValue('terms.commissionModel', v)}
              data-testid="partner-commission-model"
            />
            <Text size="xs" c="dimmed">
              {MODEL_HINT[model]}
            </Text>
          </Stack>
          <SimpleGrid cols={2} spacing="sm">
            {model !== 'fixed' ? (
              <TextInput
                label={model === 'hybrid' ? 'Rate on conversion' : 'Rate'}
                required
                inputMode="decimal"
                placeholder="12.5"
                rightSection={<Text size="sm" c="dimmed">%</Text>}
                {...field('terms.rateBp')}
                data-testid="partner-rate"
              />
            ) : null}
            {model !== 'percentage' ? (
              <TextInput
                label={model === 'hybrid' ? 'Fixed price on approval' : 'Price per approved lead'}
                required
                inputMode="decimal"
                placeholder="25.00"
                leftSection={<Text size="xs" c="dimmed">{currency}</Text>}
                leftSectionWidth={48}
                {...field('terms.fixedPriceMinor')}
                data-testid="partner-fixed-price"
              />
            ) : null}
            <Select
              label="Tier"
              data={TIER_OPTIONS}
              allowDeselect={false}
              {...field('terms.tier')}
              comboboxProps={{ withinPortal: true }}
              data-testid="partner-tier"
            />
            <NumberInput
              label="Monthly lead quota"
              description="0 means no limit"
              min={0}
              max={1_000_000}
              allowDecimal={false}
              allowNegative={false}
              {...field('terms.monthlyLeadQuota')}
              data-testid="partner-quota"
            />
            <Select
              label="Payout method"
              data={PAYOUT_OPTIONS}
              allowDeselect={false}
              {...field('payoutMethod')}
              comboboxProps={{ withinPortal: true }}
              data-testid="partner-payout-method"
            />
          </SimpleGrid>
        </Section>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="partner-submit">
            {partner ? 'Save changes' : 'Create partner'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface PartnerFormDrawerProps {
  opened: boolean;
  /** The partner to edit; none to create one. */
  partner?: Partner | null;
  onClose(): void;
  onSaved(partner: Partner): void;
}

/** New or edit partner, in a drawer wide enough for two columns. */
export function PartnerFormDrawer({ opened, partner = null, onClose, onSaved }: PartnerFormDrawerProps) {
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={680}
      title={<Text fw={600}>{partner ? `Edit ${partner.displayName}` : 'New partner'}</Text>}
      closeOnClickOutside={false}
    >
      {opened ? <PartnerForm key={partner?.id ?? 'new'} partner={partner} onClose={onClose} onSaved={onSaved} /> : null}
    </Drawer>
  );
}

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Divider, Drawer, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  COMMISSION_MODELS,
  PARTNER_TIERS,
  PARTNER_TYPES,
  PAYOUT_METHODS,
  createPartnerInput,
  updatePartnerInput,
  type CommissionModel,
  type Partner,
  type PartnerTier,
  type PartnerType,
  type PayoutMethod,
} from '@shared/contract/partners';
import { useProcMutation } from '../../api/hooks';
import { useSession } from '../../stores/session-store';
import { splitServerError } from '../../forms/server-errors';
import { schemaFieldErrors } from '../../forms/schema-errors';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { bpToPercentText, currencyFractionDigits, minorToDecimalString, parseMoney, parsePercentToBp } from '@shared/money';
import { MODEL_HINT, MODEL_OPTIONS, PAYOUT_OPTIONS, TIER_OPTIONS, TYPE_OPTIONS, countryOptions, isOneOf, MONO_INPUT_STYLES } from './partner-labels';

/** Input keys are the server's dotted field paths, so its errors land beside the right input. */
const FIELDS = [
  'type',
  'code',
  'legalName',
  'displayName',
  'contact.name',
  'contact.email',
  'contact.phone',
  'country',
  'taxId',
  'address.line1',
  'address.line2',
  'address.city',
  'address.postalCode',
  'address.region',
  'terms.commissionModel',
  'terms.rateBp',
  'terms.fixedPriceMinor',
  'terms.tier',
  'terms.monthlyLeadQuota',
  'payoutMethod',
] as const;
type Field = (typeof FIELDS)[number];

interface Values {
  type: PartnerType;
  code: string;
  legalName: string;
  displayName: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  country: string | null;
  taxId: string;
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  region: string;
  commissionModel: CommissionModel;
  /** Percent as typed ("12.5"), converted to basis points on submit. */
  rate: string;
  /** Money as typed in the workspace currency, converted to minor units on submit. */
  fixedPrice: string;
  tier: PartnerTier;
  quota: number | string;
  payoutMethod: PayoutMethod;
}

function initialValues(partner: Partner | null, currency: string): Values {
  if (!partner) {
    return {
      type: 'channel_partner',
      code: '',
      legalName: '',
      displayName: '',
      contactName: '',
      contactEmail: '',
      contactPhone: '',
      country: null,
      taxId: '',
      line1: '',
      line2: '',
      city: '',
      postalCode: '',
      region: '',
      commissionModel: 'percentage',
      rate: '',
      fixedPrice: '',
      tier: 'bronze',
      quota: 0,
      payoutMethod: 'bank_transfer',
    };
  }
  const t = partner.terms;
  return {
    type: partner.type,
    code: partner.code,
    legalName: partner.legalName,
    displayName: partner.displayName,
    contactName: partner.contact.name,
    contactEmail: partner.contact.email,
    contactPhone: partner.contact.phone ?? '',
    country: partner.country,
    taxId: partner.taxId ?? '',
    line1: partner.address.line1 ?? '',
    line2: partner.address.line2 ?? '',
    city: partner.address.city ?? '',
    postalCode: partner.address.postalCode ?? '',
    region: partner.address.region ?? '',
    commissionModel: t.commissionModel,
    rate: t.commissionModel === 'fixed' ? '' : bpToPercentText(t.rateBp),
    fixedPrice: t.commissionModel === 'percentage' ? '' : minorToDecimalString(t.fixedPriceMinor, currencyFractionDigits(currency)),
    tier: t.tier,
    quota: t.monthlyLeadQuota,
    payoutMethod: partner.payoutMethod,
  };
}

/** The values as the contract wants them, plus the errors found while converting percent and money text. */
function toInput(v: Values, currency: string) {
  const errors: Partial<Record<Field, string>> = {};
  let rateBp = 0;
  let fixedPriceMinor = 0;
  if (v.commissionModel !== 'fixed') {
    const bp = parsePercentToBp(v.rate);
    if (bp === null) errors['terms.rateBp'] = 'Enter a rate between 0 and 100 with at most two decimals, e.g. 12.5';
    else rateBp = bp;
  }
  if (v.commissionModel !== 'percentage') {
    const minor = parseMoney(v.fixedPrice, currency);
    if (minor === null) errors['terms.fixedPriceMinor'] = `Enter an amount in ${currency}, e.g. ${minorToDecimalString(25 * 10 ** currencyFractionDigits(currency), currencyFractionDigits(currency))}`;
    else if (minor < 0) errors['terms.fixedPriceMinor'] = 'Amount cannot be negative';
    else fixedPriceMinor = minor;
  }
  const quota = v.quota === '' ? 0 : Number(v.quota);
  const input = {
    type: v.type,
    code: v.code,
    legalName: v.legalName,
    displayName: v.displayName,
    contact: { name: v.contactName, email: v.contactEmail, phone: v.contactPhone },
    address: { line1: v.line1, line2: v.line2, city: v.city, postalCode: v.postalCode, region: v.region },
    country: v.country ?? '',
    taxId: v.taxId,
    terms: { commissionModel: v.commissionModel, rateBp, fixedPriceMinor, tier: v.tier, monthlyLeadQuota: quota },
    payoutMethod: v.payoutMethod,
  };
  return { input, errors };
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
  const [values, setValues] = useState<Values>(() => initialValues(partner, currency));
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});

  const onSuccess = (saved: Partner) => {
    notifications.show({
      color: 'green',
      title: partner ? 'Partner saved' : 'Partner created',
      message: partner ? `${saved.displayName} was updated.` : `${saved.displayName} (${saved.code}) is pending approval.`,
    });
    onSaved(saved);
  };
  const create = useProcMutation('partners.create', { inlineErrors: true, onSuccess });
  const update = useProcMutation('partners.update', { inlineErrors: true, onSuccess });
  const mutation = partner ? update : create;
  const server = splitServerError(mutation.error, FIELDS);
  const formRef = useRef<HTMLFormElement>(null);
  // The drawer is long: bring the server's complaint into view.
  useEffect(() => {
    if (!mutation.error) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.scrollIntoView({ block: 'center' });
  }, [mutation.error]);
  const errorOf = (field: Field) => clientErrors[field] ?? server.fields[field];

  const set = <K extends keyof Values>(key: K, value: Values[K], field?: Field) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (field && clientErrors[field]) setClientErrors(({ [field]: _, ...rest }) => rest);
    if (mutation.error) mutation.reset();
  };
  const text = (key: keyof Values, field: Field) => ({
    value: values[key] as string,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(key, e.currentTarget.value, field),
    error: errorOf(field),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { input, errors } = toInput(values, currency);
    const schemaErrors = partner
      ? schemaFieldErrors(updatePartnerInput, { id: partner.id, ...input })
      : schemaFieldErrors(createPartnerInput, input);
    const all = { ...(schemaErrors ?? {}), ...errors } as Partial<Record<Field, string>>;
    if (!values.country) all.country = 'Choose a country';
    if (Object.keys(all).length > 0) {
      setClientErrors(all);
      // Bring the first problem into view: the drawer is long.
      const form = event.currentTarget as HTMLFormElement;
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setClientErrors({});
    if (partner) update.mutate({ id: partner.id, ...input });
    else create.mutate(input);
  };

  const unshownErrors = Object.entries(clientErrors).filter(([k]) => !(FIELDS as readonly string[]).includes(k));
  const model = values.commissionModel;

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="lg">
        <FormErrorAlert error={server.form} />
        {unshownErrors.length > 0 ? <Text size="sm" c="red">{unshownErrors.map(([, m]) => m).join(' ')}</Text> : null}
        <Section title="Partner">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Type
            </Text>
            <SegmentedControl
              data={TYPE_OPTIONS}
              value={values.type}
              onChange={(v) => isOneOf(PARTNER_TYPES, v) && set('type', v, 'type')}
              fullWidth
              data-testid="partner-type"
            />
            {errorOf('type') ? (
              <Text size="xs" c="red">
                {errorOf('type')}
              </Text>
            ) : null}
          </Stack>
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="Legal name" required data-autofocus {...text('legalName', 'legalName')} data-testid="partner-legal-name" />
            <TextInput
              label="Display name"
              description="Defaults to the legal name"
              {...text('displayName', 'displayName')}
              data-testid="partner-display-name"
            />
            <TextInput
              label="Code"
              placeholder="Generated, e.g. CP-0042"
              description={partner ? undefined : 'Leave empty to generate one'}
              {...text('code', 'code')}
              styles={MONO_INPUT_STYLES}
              data-testid="partner-code"
            />
            <TextInput label="Tax ID" {...text('taxId', 'taxId')} data-testid="partner-tax-id" />
          </SimpleGrid>
        </Section>

        <Section title="Contact">
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="Contact name" required {...text('contactName', 'contact.name')} data-testid="partner-contact-name" />
            <TextInput
              label="Contact email"
              type="email"
              required
              {...text('contactEmail', 'contact.email')}
              data-testid="partner-contact-email"
            />
            <TextInput
              label="Phone"
              type="tel"
              placeholder="+44 20 7946 0958"
              {...text('contactPhone', 'contact.phone')}
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
            value={values.country}
            onChange={(v) => set('country', v, 'country')}
            nothingFoundMessage="No country matches"
            maxDropdownHeight={280}
            error={errorOf('country')}
            comboboxProps={{ withinPortal: true }}
            data-testid="partner-country"
          />
          <TextInput label="Address line 1" {...text('line1', 'address.line1')} data-testid="partner-address-line1" />
          <TextInput label="Address line 2" {...text('line2', 'address.line2')} data-testid="partner-address-line2" />
          <SimpleGrid cols={3} spacing="sm">
            <TextInput label="Postal code" {...text('postalCode', 'address.postalCode')} data-testid="partner-address-postal" />
            <TextInput label="City" {...text('city', 'address.city')} data-testid="partner-address-city" />
            <TextInput label="Region" {...text('region', 'address.region')} data-testid="partner-address-region" />
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
              onChange={(v) => isOneOf(COMMISSION_MODELS, v) && set('commissionModel', v, 'terms.commissionModel')}
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
                {...text('rate', 'terms.rateBp')}
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
                {...text('fixedPrice', 'terms.fixedPriceMinor')}
                data-testid="partner-fixed-price"
              />
            ) : null}
            <Select
              label="Tier"
              data={TIER_OPTIONS}
              value={values.tier}
              allowDeselect={false}
              onChange={(v) => isOneOf(PARTNER_TIERS, v) && set('tier', v, 'terms.tier')}
              error={errorOf('terms.tier')}
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
              value={values.quota}
              onChange={(v) => set('quota', v, 'terms.monthlyLeadQuota')}
              error={errorOf('terms.monthlyLeadQuota')}
              data-testid="partner-quota"
            />
            <Select
              label="Payout method"
              data={PAYOUT_OPTIONS}
              value={values.payoutMethod}
              allowDeselect={false}
              onChange={(v) => isOneOf(PAYOUT_METHODS, v) && set('payoutMethod', v, 'payoutMethod')}
              error={errorOf('payoutMethod')}
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

import { Button, Group, NumberInput, Paper, Select } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { LEAD_STATUSES, PENDING_LEAD_STATUSES, SUBMISSION_TYPES, type LeadStatus, type SubmissionType } from '@shared/contract/leads';
import { LEAD_STATUS_LABEL, SUBMISSION_TYPE_OPTIONS } from './lead-labels';
import { PartnerPicker } from './PartnerPicker';

export interface LeadFilterValues {
  partnerId?: string | undefined;
  type?: SubmissionType | undefined;
  minScore?: number | undefined;
  maxScore?: number | undefined;
  duplicate?: boolean | undefined;
  status?: LeadStatus | undefined;
  olderThanDays?: number | undefined;
}

const DUPLICATE_OPTIONS = [
  { value: 'yes', label: 'Flagged duplicates' },
  { value: 'no', label: 'Not flagged' },
];

/** Waiting times a reviewer asks about; the procedure takes any whole number of days, a hand-edited URL included. */
const AGE_OPTIONS = [
  { value: '1', label: '1+ day' },
  { value: '3', label: '3+ days' },
  { value: '7', label: '7+ days' },
  { value: '30', label: '30+ days' },
];

const isOneOf = <T extends string>(list: readonly T[], v: string | null): v is T => v !== null && (list as readonly string[]).includes(v);

/** A score box: whole numbers 0–100, empty for no bound. */
function scoreValue(v: string | number): number | undefined {
  if (v === '' || typeof v !== 'number' || !Number.isInteger(v)) return undefined;
  return Math.min(100, Math.max(0, v));
}

/** A URL's own day count (say a link for 14+ days) is shown as itself rather than as no filter. */
function ageOptions(days: number | undefined) {
  if (days === undefined || AGE_OPTIONS.some((o) => o.value === String(days))) return AGE_OPTIONS;
  return [...AGE_OPTIONS, { value: String(days), label: `${days}+ days` }].sort((a, b) => Number(a.value) - Number(b.value));
}

interface LeadFiltersProps {
  values: LeadFilterValues;
  onChange(patch: LeadFilterValues): void;
  onClear(): void;
  /** The queue offers its two pending statuses; the list all five. */
  statuses: 'pending' | 'all';
  testIdPrefix: string;
}

/** Partner, status, type, score range, duplicate flag and waiting time; every change goes to the URL. */
export function LeadFilters({ values, onChange, onClear, statuses, testIdPrefix: t }: LeadFiltersProps) {
  const statusList: readonly LeadStatus[] = statuses === 'pending' ? PENDING_LEAD_STATUSES : LEAD_STATUSES;
  const filtered = Object.values(values).some((v) => v !== undefined);
  return (
    <Paper withBorder radius="md" p="sm" mb="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <PartnerPicker label="Partner" value={values.partnerId ?? null} onChange={(v) => onChange({ partnerId: v ?? undefined })} w={220} data-testid={`${t}-filter-partner`} />
        <Select
          label="Status"
          placeholder={statuses === 'pending' ? 'Pending' : 'Any status'}
          data={statusList.map((s) => ({ value: s, label: LEAD_STATUS_LABEL[s] }))}
          value={values.status ?? null}
          onChange={(v) => onChange({ status: isOneOf(statusList, v) ? v : undefined })}
          clearable
          w={140}
          data-testid={`${t}-filter-status`}
        />
        <Select
          label="Type"
          placeholder="Any type"
          data={SUBMISSION_TYPE_OPTIONS}
          value={values.type ?? null}
          onChange={(v) => onChange({ type: isOneOf(SUBMISSION_TYPES, v) ? v : undefined })}
          clearable
          w={140}
          data-testid={`${t}-filter-type`}
        />
        <NumberInput
          label="Score from"
          placeholder="0"
          min={0}
          max={100}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          value={values.minScore ?? ''}
          onChange={(v) => onChange({ minScore: scoreValue(v) })}
          w={96}
          data-testid={`${t}-filter-min-score`}
        />
        <NumberInput
          label="to"
          placeholder="100"
          min={0}
          max={100}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          value={values.maxScore ?? ''}
          onChange={(v) => onChange({ maxScore: scoreValue(v) })}
          w={84}
          data-testid={`${t}-filter-max-score`}
        />
        <Select
          label="Duplicates"
          placeholder="Any"
          data={DUPLICATE_OPTIONS}
          value={values.duplicate === undefined ? null : values.duplicate ? 'yes' : 'no'}
          onChange={(v) => onChange({ duplicate: v === 'yes' ? true : v === 'no' ? false : undefined })}
          clearable
          w={160}
          data-testid={`${t}-filter-duplicate`}
        />
        <Select
          label="Waiting"
          placeholder="Any"
          data={ageOptions(values.olderThanDays)}
          value={values.olderThanDays === undefined ? null : String(values.olderThanDays)}
          onChange={(v) => onChange({ olderThanDays: v === null ? undefined : Number(v) })}
          clearable
          w={120}
          data-testid={`${t}-filter-age`}
        />
        <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={onClear} disabled={!filtered} data-testid={`${t}-filter-clear`}>
          Clear
        </Button>
      </Group>
    </Paper>
  );
}

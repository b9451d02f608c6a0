import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Drawer, Group, SimpleGrid, Skeleton, Stack, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCheck, IconReceiptRefund, IconX } from '@tabler/icons-react';
import type { Credit } from '@shared/contract/credits/types';
import type { CreditAction } from '@shared/contract/credits/values';
import { formatMoney, parseMoney } from '@shared/money';
import { useProcMutation, useProcQuery } from '../../api/hooks';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format/date';
import { RouterAnchor } from '../../router/links';
import { CreditStatusBadge } from './CreditBadges';
import { CREDIT_ACTION_LABEL, CREDIT_KIND_LABEL } from './credit-labels';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ wordBreak: 'break-word' }} data-testid={testId}>
        {children ?? '—'}
      </Text>
    </Stack>
  );
}

const ACTION_ICON: Record<CreditAction, ReactNode> = { approve: <IconCheck size={16} />, reject: <IconX size={16} />, reverse: <IconArrowBackUp size={16} /> };
const ACTION_COLOR: Record<CreditAction, string> = { approve: 'green', reject: 'red', reverse: 'orange' };

/** One credit beside the queue: its facts, how its amount was reached, and the buttons the server offers the caller. */
export function CreditDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const credit = useProcQuery('credits.get', { id: id ?? '' }, { enabled: id !== null });
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="lg" title={<Title order={4}>Credit</Title>} data-testid="credit-drawer">
      {credit.error ? <QueryError error={credit.error} onRetry={() => void credit.refetch()} /> : null}
      {credit.isPending && id !== null ? <Skeleton height={240} /> : null}
      {credit.data ? <CreditDetail key={`${credit.data.id}:${credit.data.version}`} credit={credit.data} /> : null}
    </Drawer>
  );
}

type Form = 'reject' | 'reverse' | 'clawback';

function CreditDetail({ credit }: { credit: Credit }) {
  const [form, setForm] = useState<Form | null>(null);
  const ref = { id: credit.id, version: credit.version };
  const done = (what: string) => () => notifications.show({ color: 'green', title: what, message: `${formatMoney(credit.amountMinor, credit.currency)} · ${credit.lead.contactName}` });
  const approve = useProcMutation('credits.approve', { onSuccess: done('Credit approved') });
  const staffName = (a: { name: string } | null) => a?.name ?? null;

  return (
    <Stack gap="lg" data-testid="credit-detail" data-credit-id={credit.id} data-status={credit.status}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text size="xl" fw={700} className="tabular" c={credit.amountMinor < 0 ? 'red' : undefined} data-testid="credit-amount">
            {formatMoney(credit.amountMinor, credit.currency)}
          </Text>
          <Text size="sm" c="dimmed" data-testid="credit-calculation">
            {credit.calculationText}
          </Text>
        </Stack>
        <CreditStatusBadge status={credit.status} size="lg" data-testid="credit-status" />
      </Group>

      <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
        <Fact label="Lead">
          <RouterAnchor to="/leads/$id" params={{ id: credit.lead.id }} size="sm" underline="always">
            {credit.lead.contactName}
          </RouterAnchor>
          {credit.lead.company ? ` · ${credit.lead.company}` : ''}
        </Fact>
        <Fact label="Partner">
          <RouterAnchor to="/partners/$id/$tab" params={{ id: credit.partner.id, tab: 'profile' }} size="sm" underline="always">
            {credit.partner.name}
          </RouterAnchor>{' '}
          <Text span size="xs" c="dimmed" ff="monospace">
            {credit.partner.code}
          </Text>
        </Fact>
        <Fact label="Kind">{CREDIT_KIND_LABEL[credit.kind]}</Fact>
        <Fact label="Earned on">{credit.earnedOn}</Fact>
        <Fact label="Created">
          {formatDateTime(credit.createdAt)} · {credit.createdByType === 'system' ? 'by the commission model' : (staffName(credit.createdBy) ?? 'by the partner')}
        </Fact>
        {credit.decidedAt ? (
          <Fact label="Decided">
            {formatDateTime(credit.decidedAt)}
            {credit.decidedBy ? ` · ${credit.decidedBy.name}` : ''}
          </Fact>
        ) : null}
        {credit.payoutId ? <Fact label="Payout">{credit.payoutId}</Fact> : null}
        {credit.paidAt ? <Fact label="Paid">{formatDateTime(credit.paidAt)}</Fact> : null}
        {credit.clawbackRoomMinor !== null ? <Fact label="Open to clawback">{formatMoney(credit.clawbackRoomMinor, credit.currency)}</Fact> : null}
      </SimpleGrid>
      {credit.justification ? <Fact label={credit.kind === 'clawback' ? 'Clawback reason' : 'Justification'}>{credit.justification}</Fact> : null}
      {credit.reason ? (
        <Alert color="red" variant="light" title={credit.status === 'reversed' ? 'Reversed' : 'Rejected'} data-testid="credit-reason">
          {credit.reason}
        </Alert>
      ) : null}

      {credit.actions.length + credit.operations.length > 0 ? (
        <Group gap="sm" data-testid="credit-actions">
          {credit.actions.map((option) => {
            const button = (
              <Button
                key={option.action}
                color={ACTION_COLOR[option.action]}
                variant={option.action === 'approve' ? 'filled' : 'light'}
                leftSection={ACTION_ICON[option.action]}
                disabled={!option.enabled || approve.isPending}
                loading={option.action === 'approve' && approve.isPending}
                onClick={() => (option.action === 'approve' ? approve.mutate(ref) : setForm(option.action))}
                data-testid={`credit-${option.action}`}
              >
                {CREDIT_ACTION_LABEL[option.action]}
              </Button>
            );
            return option.reason ? (
              <Tooltip key={option.action} label={option.reason} multiline w={260}>
                <span>{button}</span>
              </Tooltip>
            ) : (
              button
            );
          })}
          {credit.operations.map((option) => (
            <Tooltip key={option.action} label={option.reason ?? ''} disabled={option.reason === null} multiline w={260}>
              <span>
                <Button variant="light" color="grape" leftSection={<IconReceiptRefund size={16} />} disabled={!option.enabled} onClick={() => setForm('clawback')} data-testid="credit-clawback">
                  Claw back
                </Button>
              </span>
            </Tooltip>
          ))}
        </Group>
      ) : null}
      {form ? <DecisionForm form={form} credit={credit} onCancel={() => setForm(null)} /> : null}
    </Stack>
  );
}

/** Reject or reverse (a reason the partner sees), or claw back (an amount and a reason). */
function DecisionForm({ form, credit, onCancel }: { form: Form; credit: Credit; onCancel(): void }) {
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const notify = (title: string) => () => notifications.show({ color: 'green', title, message: credit.lead.contactName });
  const reject = useProcMutation('credits.reject', { onSuccess: notify('Credit rejected') });
  const reverse = useProcMutation('credits.reverse', { onSuccess: notify('Credit reversed') });
  const clawback = useProcMutation('credits.clawback', { onSuccess: notify('Clawback created, pending approval'), inlineErrors: true });
  const busy = reject.isPending || reverse.isPending || clawback.isPending;
  const label = form === 'reject' ? 'Reject' : form === 'reverse' ? 'Reverse' : 'Claw back';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '' || busy) return;
    const ref = { id: credit.id, version: credit.version };
    if (form === 'reject') reject.mutate({ ...ref, reason: reason.trim() });
    else if (form === 'reverse') reverse.mutate({ ...ref, reason: reason.trim() });
    else {
      const minor = parseMoney(amount, credit.currency);
      if (minor === null || minor <= 0) {
        setAmountError('Enter an amount above zero');
        return;
      }
      setAmountError(null);
      clawback.mutate({ id: credit.id, amountMinor: minor, reason: reason.trim() });
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="credit-decision-form">
      <Stack gap="sm">
        {form === 'clawback' ? (
          <TextInput
            label={`Amount (${credit.currency})`}
            description={credit.clawbackRoomMinor !== null ? `At most ${formatMoney(credit.clawbackRoomMinor, credit.currency)}` : undefined}
            required
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={amountError ?? (clawback.error?.field === 'amountMinor' ? clawback.error.message : null)}
            data-autofocus
            data-testid="credit-clawback-amount"
          />
        ) : null}
        <Textarea
          label="Reason"
          description="The partner sees it."
          required
          autosize
          minRows={2}
          data-autofocus={form !== 'clawback' ? true : undefined}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={clawback.error && clawback.error.field !== 'amountMinor' ? clawback.error.message : null}
          data-testid="credit-reason-input"
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" color={form === 'clawback' ? 'grape' : 'red'} loading={busy} disabled={reason.trim() === ''} data-testid="credit-decision-confirm">
            {label}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

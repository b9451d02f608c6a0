import { SegmentedControl, SimpleGrid, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { BANKING_METHODS, type BankingMethod, type MaskedBanking } from '@shared/contract/partners';
import type { BankingDetailsInput } from '@shared/contract/partners/banking-fields';
import { BANKING_METHOD_OPTIONS, isOneOf, MONO_INPUT_STYLES } from './partner-labels';

/** Every method's fields at once, so switching method loses nothing typed; only the chosen method's are sent. */
export interface BankingValues {
  method: BankingMethod;
  accountHolder: string;
  bankName: string;
  iban: string;
  bic: string;
  accountNumber: string;
  routingCode: string;
  paypalEmail: string;
}

/** The form's start: the method, holder and bank of the current details; account numbers are typed afresh, never prefilled from the masked ones. */
export function initialBankingValues(current: MaskedBanking | null): BankingValues {
  return {
    method: current?.method ?? 'iban',
    accountHolder: current?.holder ?? '',
    bankName: current?.bankName ?? '',
    iban: '',
    bic: '',
    accountNumber: '',
    routingCode: '',
    paypalEmail: '',
  };
}

/** The chosen method's fields, as `bankingDetails` (contract) takes them. */
export function bankingDetailsOf(v: BankingValues): BankingDetailsInput {
  const { method } = v;
  if (method === 'iban') return { method, accountHolder: v.accountHolder, bankName: v.bankName, iban: v.iban, bic: v.bic };
  if (method === 'account_number') return { method, accountHolder: v.accountHolder, bankName: v.bankName, accountNumber: v.accountNumber, routingCode: v.routingCode, bic: v.bic };
  return { method, paypalEmail: v.paypalEmail };
}

/**
 * The banking inputs shared by the staff form (partner page) and the partner admin's form
 * (portal): the method switch and the chosen method's fields. `testId` prefixes each input's
 * test id (`banking` → `banking-iban`).
 */
export function BankingFields({ method, onMethod, field, testId }: { method: BankingMethod; onMethod(m: BankingMethod): void; field(name: keyof BankingValues): GetInputPropsReturnType; testId: string }) {
  return (
    <>
      <SegmentedControl
        data={BANKING_METHOD_OPTIONS}
        value={method}
        aria-label="Account type"
        onChange={(v) => {
          if (isOneOf(BANKING_METHODS, v)) onMethod(v);
        }}
        data-testid={`${testId}-method`}
      />
      {method === 'paypal' ? (
        <TextInput label="PayPal email" type="email" required {...field('paypalEmail')} data-testid={`${testId}-paypal`} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Account holder" required {...field('accountHolder')} data-testid={`${testId}-holder`} />
          <TextInput label="Bank name" required {...field('bankName')} data-testid={`${testId}-bank`} />
          {method === 'iban' ? (
            <>
              <TextInput label="IBAN" required placeholder="DE89 3704 0044 0532 0130 00" styles={MONO_INPUT_STYLES} {...field('iban')} data-testid={`${testId}-iban`} />
              <TextInput label="BIC / SWIFT" required placeholder="DEUTDEFF" styles={MONO_INPUT_STYLES} {...field('bic')} data-testid={`${testId}-bic`} />
            </>
          ) : (
            <>
              <TextInput label="Account number" required styles={MONO_INPUT_STYLES} {...field('accountNumber')} data-testid={`${testId}-account`} />
              <TextInput label="Routing code" description="ABA, sort code, BSB, IFSC…" required styles={MONO_INPUT_STYLES} {...field('routingCode')} data-testid={`${testId}-routing`} />
              <TextInput label="BIC / SWIFT" description="Optional" styles={MONO_INPUT_STYLES} {...field('bic')} data-testid={`${testId}-bic`} />
            </>
          )}
        </SimpleGrid>
      )}
    </>
  );
}

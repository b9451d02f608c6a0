import { useRef, useState } from 'react';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { contract, type Input, type Output, type ProcedureName } from '@shared/contract';
import type { AppError } from '@shared/contract/errors';
import { useProcMutation } from '../api/hooks';
import { schemaFieldErrors } from './schema-errors';

/** The input a form's values stand for, and the fields whose text could not be read (money, percent). */
export interface Converted<I> {
  input: I;
  errors?: Record<string, string>;
}

export interface ContractFormOptions<N extends ProcedureName, V> {
  initialValues: V;
  /**
   * Values → the procedure's input. Leave it out when the values already are the input. Keep the
   * input's dotted paths (`terms.rateBp`) as the values' paths, so every error lands on its field.
   */
  toInput?: (values: V) => Converted<Input<N>>;
  /** Checks the schema cannot express, e.g. a password typed twice; by dotted path. */
  extraErrors?: (values: V) => Record<string, string>;
  onSuccess?: (output: Output<N>, input: Input<N>) => void;
  /**
   * A server error that names no field the form shows (e.g. `invalid_transition`, a conflict).
   * By default it becomes `formError` for an alert in the form; decision dialogs notify and close.
   */
  onUnshownError?: (error: AppError) => void;
}

export interface ContractForm<N extends ProcedureName, V> {
  form: UseFormReturnType<V>;
  mutation: ReturnType<typeof useProcMutation<N>>;
  /** Props for an input at a dotted path (value, onChange, error); the path counts as shown. */
  field: (path: string) => ReturnType<UseFormReturnType<V>['getInputProps']>;
  /** A server error that names no shown field, and messages for fields the form does not show. */
  formError: AppError | null;
  unshownErrors: string[];
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
}

/**
 * The one form pattern: values validated with the procedure's own input schema from the
 * contract (every field error at once, by dotted path), submitted through its mutation, and the
 * server's field error put on the same path. The server validates again; this is for the user.
 */
export function useContractForm<N extends ProcedureName, V extends Record<string, unknown>>(
  name: N,
  options: ContractFormOptions<N, V>,
): ContractForm<N, V> {
  const { toInput, extraErrors, onSuccess, onUnshownError } = options;
  const convert = (values: V): Converted<Input<N>> => (toInput ? toInput(values) : { input: values as unknown as Input<N> });
  // Paths the form has rendered an input for; server errors on others go to the form-level alert.
  const shown = useRef(new Set<string>());
  const formRef = useRef<HTMLFormElement | null>(null);
  const [formError, setFormError] = useState<AppError | null>(null);

  const form = useForm<V>({
    mode: 'controlled',
    initialValues: options.initialValues,
    validate: (values) => {
      const { input, errors } = convert(values);
      return { ...(schemaFieldErrors(contract[name].input, input) ?? {}), ...errors, ...extraErrors?.(values) };
    },
  });

  const mutation = useProcMutation(name, {
    inlineErrors: true,
    onSuccess: (output, input) => onSuccess?.(output, input),
    onError: (error) => {
      // A conflict may name its field too (a partner code or an e-mail already in use).
      if ((error.code === 'validation' || error.code === 'conflict') && error.field && shown.current.has(error.field)) {
        form.setFieldError(error.field, error.message);
        focusFirstInvalid();
      } else if (onUnshownError) {
        onUnshownError(error);
      } else {
        setFormError(error);
      }
    },
  });

  function focusFirstInvalid() {
    requestAnimationFrame(() => {
      const root = formRef.current ?? document;
      root.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
  }

  const submitValid = form.onSubmit(
    (values) => {
      setFormError(null);
      mutation.mutate(convert(values).input);
    },
    () => focusFirstInvalid(),
  );

  const field = (path: string) => {
    shown.current.add(path);
    return form.getInputProps(path);
  };

  return {
    form,
    mutation,
    field,
    formError,
    get unshownErrors() {
      return Object.entries(form.errors)
        .filter(([path, message]) => message && !shown.current.has(path))
        .map(([, message]) => String(message));
    },
    onSubmit: (event) => {
      formRef.current = event?.currentTarget ?? null;
      if (mutation.error) mutation.reset();
      submitValid(event);
    },
  };
}

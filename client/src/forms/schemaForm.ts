import { schemaResolver, useForm, type UseFormReturnType } from '@mantine/form';
import { useRef, useState } from 'react';
import { config } from 'zod/mini';
import { fr } from 'zod/locales';
import type { $ZodType } from 'zod/v4/core';
import { problemFieldErrors } from '../api/problem';
import { useUnsavedChangesWarning } from './leaveGuard';
import { blursTowardsSubmit, type BlurEvent } from './submitPress';

// zod's own messages (a rule without a message of its own) in French. Set through zod/mini so the public
// candidature pages, whose schemas use zod/mini to stay within their bundle budget, do not load classic zod.
config(fr());

export type SchemaFormOptions = {
  /** Ask before leaving with unsaved changes (default). Off where nothing worth keeping is typed: sign-in, filters. */
  warnOnLeave?: boolean;
};

/**
 * The client's one way to build a form: values checked by a zod schema (classic `zod`, or `zod/mini` on the public
 * pages) with French messages shown beside each field (on blur, then on submit), and a confirmation before leaving
 * the page with unsaved changes. Submit with `schema.parse(values)` inside `form.onSubmit` to get the typed output;
 * guard the submit with the mutation's pending state so it cannot post twice.
 */
export function useSchemaForm<V extends Record<string, unknown>>(
  schema: $ZodType,
  initialValues: V,
  options: SchemaFormOptions = {},
): UseFormReturnType<V> {
  // The values are what the inputs hold (a number input holds '' when empty); the schema turns them into the output.
  const form = useForm<V>({
    mode: 'controlled',
    initialValues,
    validate: schemaResolver(schema as Parameters<typeof schemaResolver>[0], { sync: true }),
    validateInputOnBlur: true,
    // A field checked as it loses focus to its form's submit button would show its message between the press and the
    // release and push the button from under the finger: the click is lost and the other fields never get theirs.
    // The submit checks every field at once instead.
    enhanceGetInputProps: ({ inputProps }) =>
      inputProps.onBlur
        ? {
            onBlur: (event?: BlurEvent) => {
              if (!blursTowardsSubmit(event)) inputProps.onBlur();
            },
          }
        : {},
  });
  useUnsavedChangesWarning(options.warnOnLeave !== false && form.isDirty());
  return form;
}

/** Puts the server's per-field refusals on the form's fields; `fieldMap` renames API fields to form fields. */
export function setServerErrors<V extends Record<string, unknown>>(
  form: UseFormReturnType<V>,
  problem: unknown,
  fieldMap: Record<string, string> = {},
): void {
  const errors = problemFieldErrors(problem);
  form.setErrors(
    Object.fromEntries(Object.entries(errors).map(([field, message]) => [fieldMap[field] ?? field, message])),
  );
}

/**
 * A submit that cannot post twice, for forms that call the API themselves (a `useMutation` gives the same with
 * `isPending`): `run` does nothing while the previous run is on its way, even before React re-renders.
 */
export function useSingleSubmit(): { busy: boolean; run: <T>(send: () => Promise<T>) => Promise<T | undefined> } {
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = async <T>(send: () => Promise<T>): Promise<T | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setBusy(true);
    try {
      return await send();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return { busy, run };
}

export { useUnsavedChangesWarning } from './leaveGuard';

import { schemaResolver, useForm, type UseFormReturnType } from '@mantine/form';
import { useEffect } from 'react';
import { z } from 'zod';
import { problemFieldErrors } from '../api/problem';

// zod's own messages (a rule without a message of its own) in French.
z.config(z.locales.fr());

/**
 * The client's one way to build a form: values checked by a zod schema with French messages shown beside each
 * field (on blur, then on submit), and a warning before leaving the page with unsaved changes. Submit with
 * `schema.parse(values)` inside `form.onSubmit` to get the typed output.
 */
export function useSchemaForm<V extends Record<string, unknown>>(
  schema: z.ZodType,
  initialValues: V,
): UseFormReturnType<V> {
  // The values are what the inputs hold (a number input holds '' when empty); the schema turns them into the output.
  const form = useForm<V>({
    mode: 'controlled',
    initialValues,
    validate: schemaResolver(schema, { sync: true }),
    validateInputOnBlur: true,
  });
  useUnsavedChangesWarning(form.isDirty());
  return form;
}

/** Puts the server's per-field refusals on the form's fields; `fieldMap` renames API fields to form fields. */
export function setServerErrors(
  form: UseFormReturnType<Record<string, unknown>>,
  problem: unknown,
  fieldMap: Record<string, string> = {},
): void {
  const errors = problemFieldErrors(problem);
  form.setErrors(
    Object.fromEntries(Object.entries(errors).map(([field, message]) => [fieldMap[field] ?? field, message])),
  );
}

/** Asks the browser to confirm a reload or a departure while `dirty` (the text typed would be lost). */
export function useUnsavedChangesWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

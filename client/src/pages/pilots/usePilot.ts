import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import type { z } from 'zod';
import { problemFieldErrors } from '../../api/problem';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { ApiError, fetchPilot, pilotKeys, pilotProblemMessage } from './pilotsApi';
import { queryKeys } from '../../api/queryKeys';

/** The pilot of the current /pilotes/:id route (cached by the layout), and what the caller may do on it. */
export function usePilot() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const pilot = useQuery({ queryKey: pilotKeys.pilot(id), queryFn: () => fetchPilot(id) });
  const role = user?.role;
  return {
    id,
    pilot,
    /** Lead and the pilot's coordinators log activities, actors and contributions. */
    canWrite: role === 'lead' || role === 'coordinator',
    isLead: role === 'lead',
  };
}

/**
 * A form that changes something of the pilot, on the schema approach (useSchemaForm): French messages beside each
 * field, the server's per-field refusals on the same fields, one request per submission (a second tap while the
 * first is on its way does nothing), and a prompt before leaving with typed text. `send` gets the schema's output;
 * on success every query of the pilot is refreshed, a French confirmation shows, the form goes back to its initial
 * values (unless `keepValues`) and `after` runs (close the dialog).
 */
export function usePilotSchemaForm<V extends Record<string, unknown>, O, T>(options: {
  id: string;
  schema: z.ZodType<O, V>;
  initialValues: V;
  send: (values: O) => Promise<T>;
  confirm: (result: T) => string;
  after?: (result: T) => void;
  keepValues?: boolean;
  /** API field → form field, when they differ. */
  fieldMap?: Record<string, string>;
}) {
  const { id, schema, initialValues, send, confirm, after, keepValues, fieldMap } = options;
  const queryClient = useQueryClient();
  const form = useSchemaForm<V>(schema, initialValues);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: async (result) => {
      if (keepValues) form.resetDirty();
      else form.reset();
      await queryClient.invalidateQueries({ queryKey: pilotKeys.all(id) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.pilots.all });
      notifications.show({ color: 'teal', message: confirm(result) });
      after?.(result);
    },
    onError: (error) => {
      if (error instanceof ApiError) setServerErrors(form, error.body, fieldMap);
    },
  });
  const submit = form.onSubmit((values) => {
    if (mutation.isPending) return;
    mutation.mutate(schema.parse(values));
  });
  const fieldErrors = mutation.error instanceof ApiError ? problemFieldErrors(mutation.error.body) : {};
  return {
    form,
    submit,
    pending: mutation.isPending,
    /** The French message of a refusal that is not about one field, null when none. */
    problem: mutation.isError && Object.keys(fieldErrors).length === 0 ? pilotProblemMessage(mutation.error) : null,
  };
}

import { Alert, Button, Fieldset, Group, NativeSelect, Paper, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';
import { problemFieldErrors, problemMessage } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { todayInFrance } from '../../i18n/dates';
import { formatDate } from '../../i18n/format';
import { formMessages } from '../../i18n/formMessages';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reopening a phase for one candidature, in French; the server checks it again. */
const reopenSchema = z.object({
  phase: z.enum(['intention', 'engagement'], { error: 'Choisissez la phase à rouvrir.' }),
  until: z
    .string()
    .refine((v) => v === '' || DATE.test(v), { error: formMessages.date })
    .refine((v) => v === '' || !DATE.test(v) || v >= todayInFrance(), {
      error: 'La date doit être aujourd’hui ou plus tard.',
    }),
  reason: z
    .string()
    .trim()
    .min(1, { error: 'Indiquez pourquoi cette candidature a plus de temps (inscrit au journal).' })
    .max(2000, { error: formMessages.tooLong(2000) }),
});
type ReopenValues = z.input<typeof reopenSchema>;

/** Keeps the server's refusal for the form's fields and its message. */
class ReopenRefused extends Error {
  constructor(readonly problem: unknown) {
    super(problemMessage(problem));
  }
}

/** The lead gives one candidature more time on a phase (the reason goes to the audit trail). */
export function ReopenForm({ candidatureId }: { candidatureId: string }) {
  const queryClient = useQueryClient();
  const form = useSchemaForm<ReopenValues>(reopenSchema, { phase: 'engagement', until: '', reason: '' });
  const reopen = useMutation({
    mutationFn: async ({ phase, reason, until }: z.output<typeof reopenSchema>) => {
      const { data, error } = await api.POST('/api/candidatures/{id}/reopen', {
        params: { path: { id: candidatureId } },
        body: { phase, reason, ...(until ? { until } : {}) },
      });
      if (error || !data) throw new ReopenRefused(error);
      return { phase, data };
    },
    onSuccess: async () => {
      form.reset();
      await queryClient.invalidateQueries({ queryKey: queryKeys.candidatures.one(candidatureId) });
    },
    onError: (error) => {
      if (error instanceof ReopenRefused) setServerErrors(form, error.problem);
    },
  });
  const submit = form.onSubmit((values) => {
    if (reopen.isPending) return;
    reopen.mutate(reopenSchema.parse(values));
  });
  const refusedOnField =
    reopen.error instanceof ReopenRefused && Object.keys(problemFieldErrors(reopen.error.problem)).length > 0;
  const last = reopen.data
    ? reopen.data.phase === 'intention'
      ? reopen.data.data.intentionReopenedUntil
      : reopen.data.data.engagementReopenedUntil
    : null;

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label="Rouvrir une phase">
        <Fieldset legend="Rouvrir une phase pour cette candidature">
          <Stack gap="sm">
            {reopen.isSuccess && (
              <Alert color="green" role="status">
                {`Phase rouverte pour cette candidature jusqu'au ${last ? formatDate(last) : '—'}.`}
              </Alert>
            )}
            {reopen.isError && !refusedOnField && (
              <Alert color="red" role="alert">
                {reopen.error.message}
              </Alert>
            )}
            <Group grow wrap="wrap">
              <NativeSelect
                label="Phase"
                data={[
                  { value: 'intention', label: "Lettre d'intention" },
                  { value: 'engagement', label: "Lettre d'engagement" },
                ]}
                {...form.getInputProps('phase')}
              />
              <TextInput label="Jusqu'au (par défaut : 14 jours)" type="date" {...form.getInputProps('until')} />
            </Group>
            <Textarea label="Motif (inscrit au journal)" required {...form.getInputProps('reason')} />
            <Button type="submit" variant="light" loading={reopen.isPending} style={{ alignSelf: 'flex-start' }}>
              Rouvrir la phase
            </Button>
          </Stack>
        </Fieldset>
      </form>
    </Paper>
  );
}

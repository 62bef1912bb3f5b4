import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { z } from 'zod';
import { api } from '../../api/client';
import { problemFieldErrors, problemMessage } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { formMessages } from '../../i18n/formMessages';
import { newIdempotencyKey, type LedgerEntry } from './fundingApi';

const reversalSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, { error: 'Indiquez le motif de l’annulation (il reste dans le grand livre).' })
    .max(2000, { error: formMessages.tooLong(2000) }),
});
type ReversalValues = z.input<typeof reversalSchema>;

/** Keeps the server's refusal for the form's field and its message. */
class ReversalRefused extends Error {
  constructor(readonly problem: unknown) {
    super(problemMessage(problem));
  }
}

/**
 * Cancels a ledger entry with a reason: the entry stays, a reversal of the same amount is added. One Idempotency-Key
 * per dialog, so a double tap or a retry writes once.
 */
export function ReversalModal({
  pilotId,
  entry,
  onClose,
}: {
  pilotId: string;
  entry: LedgerEntry;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const form = useSchemaForm<ReversalValues>(reversalSchema, { reason: '' });
  const reverse = useMutation({
    mutationFn: async (reason: string) => {
      const { data, error } = await api.POST('/api/pilots/{id}/ledger/{entryId}/reversal', {
        params: { path: { id: pilotId, entryId: entry.id }, header: { 'Idempotency-Key': key.current } },
        body: { reason },
      });
      if (error) throw new ReversalRefused(error);
      return data;
    },
    onSuccess: async () => {
      form.reset();
      onClose();
      await queryClient.invalidateQueries({ queryKey: queryKeys.pilot.all(pilotId) });
    },
    onError: (error) => {
      if (error instanceof ReversalRefused) setServerErrors(form, error.problem);
    },
  });
  const submit = form.onSubmit((values) => {
    if (reverse.isPending) return;
    reverse.mutate(reversalSchema.parse(values).reason);
  });
  const onField =
    reverse.error instanceof ReversalRefused && Object.keys(problemFieldErrors(reverse.error.problem)).length > 0;
  return (
    <Modal opened onClose={onClose} title={`Annuler l’écriture n° ${entry.seq}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            L’écriture reste dans le grand livre ; une écriture d’annulation du même montant est ajoutée. Une écriture
            ne s’annule qu’une fois.
          </Text>
          <Textarea label="Motif de l’annulation" required {...form.getInputProps('reason')} />
          {reverse.isError && !onField && (
            <Alert color="red" role="alert">
              {reverse.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Fermer
            </Button>
            <Button type="submit" color="red" loading={reverse.isPending}>
              Confirmer l’annulation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

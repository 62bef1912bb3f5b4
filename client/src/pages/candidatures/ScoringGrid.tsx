import { Alert, Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { formMessages } from '../../i18n/formMessages';
import { criterionLabels } from '../../i18n/labels';
import { CRITERIA, type Evaluation, type ScoringSheet, type Scores } from './types';

const mark = z
  .string()
  .regex(/^[0-5]$/, { error: 'Choisissez une note de 0 à 5.' })
  .transform(Number);

/** The grid's rules, in French: a mark from 0 to 5 for each of the seven criteria; the server checks them again. */
const gridSchema = z.object({
  scores: z.object(Object.fromEntries(CRITERIA.map((k) => [k, mark])) as Record<keyof Scores, typeof mark>),
  comment: z.string().max(5000, { error: formMessages.tooLong(5000) }),
});
type GridValues = { scores: Record<keyof Scores, string>; comment: string };

/** Keeps the server's refusal for the grid's fields and its message. */
class EvaluationRefused extends Error {
  constructor(readonly problem: unknown) {
    super(problemMessage(problem));
  }
}

/**
 * The member's grid: seven criteria, 0 to 5, each with what its marks mean for this call (the rubric) shown
 * beside it, and a comment. Native radios: Tab moves from criterion to criterion, the arrow keys choose the
 * mark, Enter saves. Saving again replaces the member's evaluation until the decision.
 */
export function ScoringGrid({
  candidatureId,
  rubric,
  mine,
}: {
  candidatureId: string;
  rubric: ScoringSheet['rubric'];
  mine?: Evaluation;
}) {
  const queryClient = useQueryClient();
  const form = useSchemaForm<GridValues>(gridSchema, {
    scores: Object.fromEntries(CRITERIA.map((k) => [k, mine ? String(mine.scores[k]) : ''])) as GridValues['scores'],
    comment: mine?.comment ?? '',
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = useMutation({
    mutationFn: async (values: z.output<typeof gridSchema>) => {
      const { error } = await api.POST('/api/candidatures/{id}/evaluations', {
        params: { path: { id: candidatureId } },
        body: values,
      });
      if (error) throw new EvaluationRefused(error);
    },
    onSuccess: async () => {
      form.resetDirty();
      setMessage({ ok: true, text: 'Votre évaluation est enregistrée.' });
      await queryClient.invalidateQueries({ queryKey: queryKeys.candidatures.one(candidatureId) });
    },
    onError: (error) => {
      if (error instanceof EvaluationRefused) setServerErrors(form, error.problem);
      setMessage({ ok: false, text: error.message });
    },
  });
  const submit = form.onSubmit(
    (values) => {
      // One evaluation per click: a second click while the first is on its way does nothing.
      if (save.isPending) return;
      setMessage(null);
      save.mutate(gridSchema.parse(values));
    },
    (errors) => {
      if (Object.keys(errors).some((k) => k.startsWith('scores.')))
        setMessage({ ok: false, text: 'Notez chacun des sept critères.' });
    },
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Ma grille d'évaluation">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {mine ? 'Vous pouvez modifier votre évaluation' : 'Notez de 0 à 5'} jusqu'à la décision. Ce que signifie
          chaque note est indiqué sous le critère.
        </Text>
        {message && (
          <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </Alert>
        )}
        {CRITERIA.map((k) => {
          const chosen = form.values.scores[k] || undefined;
          return (
            <Radio.Group
              key={k}
              label={criterionLabels[k]}
              description={
                chosen !== undefined
                  ? `${chosen} : ${rubric[k][Number(chosen)]}`
                  : `0 : ${rubric[k][0]} — 5 : ${rubric[k][5]}`
              }
              required
              {...form.getInputProps(`scores.${k}`)}
            >
              <Group mt={4} gap="sm">
                {[0, 1, 2, 3, 4, 5].map((n) => (
                  <Radio
                    key={n}
                    value={String(n)}
                    label={String(n)}
                    title={rubric[k][n]}
                    aria-label={`${criterionLabels[k]} : ${n}`}
                  />
                ))}
              </Group>
            </Radio.Group>
          );
        })}
        <Textarea label="Commentaire" autosize minRows={2} {...form.getInputProps('comment')} />
        <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          Enregistrer mon évaluation
        </Button>
      </Stack>
    </form>
  );
}

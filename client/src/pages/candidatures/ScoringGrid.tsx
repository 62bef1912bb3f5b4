import { Alert, Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { problemFieldErrors, problemMessage } from '../../api/problem';
import { useUnsavedChangesWarning } from '../../forms/schemaForm';
import { criterionLabels } from '../../i18n/labels';
import { CRITERIA, type Evaluation, type ScoringSheet, type Scores } from './types';

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
  const [scores, setScores] = useState<Partial<Record<keyof Scores, string>>>(() =>
    mine ? (Object.fromEntries(CRITERIA.map((k) => [k, String(mine.scores[k])])) as Record<keyof Scores, string>) : {},
  );
  const [comment, setComment] = useState(mine?.comment ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  useUnsavedChangesWarning(dirty);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = CRITERIA.filter((k) => scores[k] === undefined);
    if (missing.length > 0) {
      setErrors(Object.fromEntries(missing.map((k) => [`scores.${k}`, 'Choisissez une note de 0 à 5.'])));
      setMessage({ ok: false, text: 'Notez chacun des sept critères.' });
      return;
    }
    setBusy(true);
    const body = { scores: Object.fromEntries(CRITERIA.map((k) => [k, Number(scores[k])])) as Scores, comment };
    const { error } = await api.POST('/api/candidatures/{id}/evaluations', {
      params: { path: { id: candidatureId } },
      body,
    });
    setBusy(false);
    if (error) {
      setErrors(problemFieldErrors(error));
      setMessage({ ok: false, text: problemMessage(error) });
      return;
    }
    setErrors({});
    setDirty(false);
    setMessage({ ok: true, text: 'Votre évaluation est enregistrée.' });
    await queryClient.invalidateQueries({ queryKey: ['candidatures', candidatureId] });
  }

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
          const chosen = scores[k];
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
              value={chosen ?? ''}
              onChange={(v) => {
                setScores((s) => ({ ...s, [k]: v }));
                setDirty(true);
              }}
              error={errors[`scores.${k}`]}
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
        <Textarea
          label="Commentaire"
          autosize
          minRows={2}
          value={comment}
          onChange={(e) => {
            setComment(e.currentTarget.value);
            setDirty(true);
          }}
          error={errors.comment}
        />
        <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
          Enregistrer mon évaluation
        </Button>
      </Stack>
    </form>
  );
}

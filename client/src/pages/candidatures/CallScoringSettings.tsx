import {
  Alert,
  Button,
  Collapse,
  Fieldset,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { criterionLabels, scoringOpensLabels, type ScoringOpens } from '../../i18n/labels';
import { CRITERIA, type CallDto } from './types';

const level = z
  .string()
  .trim()
  .min(1, { error: 'Décrivez ce que signifie cette note.' })
  .max(300, { error: 'Au plus 300 caractères.' });

const settingsSchema = z.object({
  scoringOpens: z.enum(['after_engagement_deadline', 'per_candidature'], {
    error: 'Choisissez quand la notation ouvre.',
  }),
  rubric: z.object(Object.fromEntries(CRITERIA.map((k) => [k, z.array(level).length(6)]))),
  retentionYears: z.string(),
});

const RETENTION_CHOICES = Array.from({ length: 10 }, (_, i) => ({
  value: String(i + 1),
  label: `${i + 1} an${i ? 's' : ''} après la décision`,
}));

/** The lead sets when scoring opens and what marks 0 to 5 mean per criterion (the call text's defaults). */
export function CallScoringSettings({ call }: { call: CallDto }) {
  const queryClient = useQueryClient();
  const [open, { toggle }] = useDisclosure(false);
  const [saved, setSaved] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useSchemaForm(settingsSchema, {
    scoringOpens: call.scoringOpens as string,
    rubric: Object.fromEntries(CRITERIA.map((k) => [k, [...call.rubric[k]]])) as Record<string, string[]>,
    retentionYears: String(call.retentionYears),
  });

  const submit = form.onSubmit(async (values) => {
    const v = settingsSchema.parse(values);
    const { error } = await api.PATCH('/api/calls/{id}', {
      params: { path: { id: call.id } },
      body: {
        scoringOpens: v.scoringOpens as ScoringOpens,
        rubric: v.rubric,
        retentionYears: Number(v.retentionYears),
      },
    });
    if (error) {
      setServerErrors(form, error);
      setSaved({ ok: false, text: problemMessage(error) });
      return;
    }
    form.resetDirty();
    setSaved({ ok: true, text: 'Réglages de la notation enregistrés.' });
    await queryClient.invalidateQueries({ queryKey: ['calls', call.id] });
  });

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>Notation par le comité</Title>
        <Button variant="light" onClick={toggle} aria-expanded={open} style={{ alignSelf: 'flex-start' }}>
          Régler l'ouverture et la grille de notation
        </Button>
        <Collapse expanded={open}>
          <form onSubmit={submit} noValidate aria-label="Réglages de la notation">
            <Stack gap="sm">
              {saved && (
                <Alert color={saved.ok ? 'green' : 'red'} role={saved.ok ? 'status' : 'alert'}>
                  {saved.text}
                </Alert>
              )}
              <NativeSelect
                label="La notation ouvre"
                data={Object.entries(scoringOpensLabels).map(([value, label]) => ({ value, label }))}
                {...form.getInputProps('scoringOpens')}
              />
              <NativeSelect
                label="Données personnelles des candidatures non retenues conservées"
                description="Ensuite, une tâche quotidienne les efface et ne garde que des statistiques anonymes."
                data={RETENTION_CHOICES}
                {...form.getInputProps('retentionYears')}
              />
              {CRITERIA.map((k) => (
                <Fieldset key={k} legend={criterionLabels[k]}>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                    {[0, 1, 2, 3, 4, 5].map((n) => (
                      <TextInput
                        key={n}
                        label={`Note ${n}`}
                        aria-label={`${criterionLabels[k]} — note ${n}`}
                        {...form.getInputProps(`rubric.${k}.${n}`)}
                      />
                    ))}
                  </SimpleGrid>
                </Fieldset>
              ))}
              <Button type="submit" style={{ alignSelf: 'flex-start' }}>
                Enregistrer les réglages
              </Button>
            </Stack>
          </form>
        </Collapse>
      </Stack>
    </Paper>
  );
}

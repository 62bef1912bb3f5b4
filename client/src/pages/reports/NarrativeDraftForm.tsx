import { Alert, Button, Group, Loader, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { formMessages } from '../../i18n/formMessages';
import { formatDateTime } from '../../i18n/format';
import { draftKeys, fetchNarrativeDraft, saveNarrativeDraft } from './reportsApi';

const NARRATIVE_MAX = 20_000;
const text = z.string().max(NARRATIVE_MAX, { error: formMessages.tooLong(NARRATIVE_MAX) });
/** The draft's rules (the server's limits), in French. */
const draftSchema = z.object({ highlights: text, difficulties: text });
type DraftValues = z.input<typeof draftSchema>;

/**
 * The coordinator's part of a year's narrative: faits marquants and difficultés, saved as a draft that the lead's
 * report form starts from (the lead edits it before generating the report).
 */
export function NarrativeDraftForm({
  pilotId,
  years,
  initialYear,
}: {
  pilotId: string;
  years: number[];
  initialYear: number;
}) {
  const queryClient = useQueryClient();
  const [year, setYear] = useState(initialYear);
  const draft = useQuery({
    queryKey: draftKeys.draft(pilotId, year),
    queryFn: () => fetchNarrativeDraft(pilotId, year),
  });
  const form = useSchemaForm<DraftValues>(draftSchema, { highlights: '', difficulties: '' });
  const { setInitialValues, setValues, resetDirty } = form;
  useEffect(() => {
    if (draft.data) {
      const loaded = { highlights: draft.data.highlights, difficulties: draft.data.difficulties };
      setInitialValues(loaded);
      setValues(loaded);
      resetDirty(loaded);
    }
    // Only a newly loaded draft resets the text (the form's functions are stable).
  }, [draft.data]);
  const save = useMutation({
    mutationFn: (values: DraftValues) => saveNarrativeDraft(pilotId, year, values),
    onSuccess: (saved) => {
      form.resetDirty();
      queryClient.setQueryData(draftKeys.draft(pilotId, year), saved);
    },
    onError: (error) => setServerErrors(form, (error as { problem?: unknown }).problem),
  });
  const submit = form.onSubmit((values) => {
    // One save per click: a second click while the first is on its way does nothing.
    if (save.isPending) return;
    save.mutate(draftSchema.parse(values));
  });

  return (
    <Paper withBorder p="md" id="recit">
      <form aria-label="Récit de l’année" onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4">
            Votre part du récit
          </Title>
          <Text size="sm" c="dimmed">
            Faits marquants et difficultés de l’année, enregistrés comme brouillon : la cheffe ou le chef de projet les
            reprend et les complète dans le rapport.
          </Text>
          <Select
            label="Année de projet"
            data={years.map((y) => ({ value: String(y), label: `Année ${y}` }))}
            value={String(year)}
            onChange={(v) => v && setYear(Number(v))}
            allowDeselect={false}
            maw={240}
          />
          {draft.isPending && <Loader size="sm" aria-label="Chargement du brouillon" />}
          {draft.isError && <Alert color="red">{draft.error.message}</Alert>}
          <Textarea label="Faits marquants" autosize minRows={3} {...form.getInputProps('highlights')} />
          <Textarea label="Difficultés rencontrées" autosize minRows={3} {...form.getInputProps('difficulties')} />
          {save.isError && Object.keys(form.errors).length === 0 && (
            <Alert color="red" role="alert">
              {save.error.message}
            </Alert>
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed" data-testid="draft-status">
              {draft.data?.updatedAt
                ? `Brouillon enregistré le ${formatDateTime(draft.data.updatedAt)}${draft.data.updatedBy ? ` par ${draft.data.updatedBy.name}` : ''}`
                : 'Aucun brouillon pour cette année.'}
            </Text>
            <Button type="submit" loading={save.isPending}>
              Enregistrer le brouillon
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

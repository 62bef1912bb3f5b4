import { Alert, Button, Group, Loader, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useUnsavedChangesWarning } from '../../forms/schemaForm';
import { formatDateTime } from '../../i18n/format';
import { draftKeys, fetchNarrativeDraft, saveNarrativeDraft } from './reportsApi';

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
  const [values, setValues] = useState({ highlights: '', difficulties: '' });
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (draft.data) {
      setValues({ highlights: draft.data.highlights, difficulties: draft.data.difficulties });
      setDirty(false);
    }
  }, [draft.data]);
  useUnsavedChangesWarning(dirty);
  const save = useMutation({
    mutationFn: () => saveNarrativeDraft(pilotId, year, values),
    onSuccess: (saved) => {
      setDirty(false);
      queryClient.setQueryData(draftKeys.draft(pilotId, year), saved);
    },
  });
  const set = (key: 'highlights' | 'difficulties') => (e: React.ChangeEvent<HTMLTextAreaElement>) => {
    setValues({ ...values, [key]: e.currentTarget.value });
    setDirty(true);
  };

  return (
    <Paper withBorder p="md" id="recit">
      <form
        aria-label="Récit de l’année"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
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
          <Textarea
            label="Faits marquants"
            autosize
            minRows={3}
            maxLength={20000}
            value={values.highlights}
            onChange={set('highlights')}
          />
          <Textarea
            label="Difficultés rencontrées"
            autosize
            minRows={3}
            maxLength={20000}
            value={values.difficulties}
            onChange={set('difficulties')}
          />
          {save.isError && <Alert color="red">{save.error.message}</Alert>}
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

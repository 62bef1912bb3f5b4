import { Alert, Button, Group, Paper, Select, Stack, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { DraftNotice } from '../../forms/DraftNotice';
import { draftKey, useDraft } from '../../forms/draft';
import { setServerErrors, useSchemaForm, useSingleSubmit } from '../../forms/schemaForm';
import { ApiError } from '../pilots/pilotsApi';
import { audienceLabels, draftKeys, fetchNarrativeDraft, type Audience, type Narrative } from './reportsApi';
import { reportSchema, type ReportFormInput } from './reportSchema';

export type ReportFormValues = { year: number | null; audience: Audience; narrative: Narrative };

const AUDIENCE_OPTIONS = (Object.keys(audienceLabels) as Audience[]).map((a) => ({
  value: a,
  label: audienceLabels[a],
}));

// The API nests the narrative; the form keeps its three texts flat.
const SERVER_FIELDS = {
  'narrative.highlights': 'highlights',
  'narrative.difficulties': 'difficulties',
  'narrative.outlook': 'outlook',
};

/**
 * Year, audience and the lead's narrative (faits marquants, difficultés, perspectives). The narrative is kept as a
 * local draft (per user and per pilot or call, `draftFor`) until the report is created.
 */
export function ReportForm({
  years,
  yearOptional = false,
  draftFor,
  error,
  onSubmit,
  narrativeOf,
}: {
  years: number[];
  yearOptional?: boolean;
  /** What the report is about (`pilot:<id>` or `call:<id>`): the draft's key. */
  draftFor: string;
  error: string | null;
  /** Creates the report; rejects with an `ApiError` when the server refuses. */
  onSubmit: (values: ReportFormValues) => Promise<unknown>;
  /** The pilot whose coordinators' draft of the year's narrative the form starts from, where the lead typed nothing. */
  narrativeOf?: string;
}) {
  const { user } = useAuth();
  const schema = reportSchema(yearOptional);
  const form = useSchemaForm<ReportFormInput>(schema, {
    year: yearOptional ? null : years.length > 0 ? String(years[0]) : null,
    audience: 'ademe',
    highlights: '',
    difficulties: '',
    outlook: '',
  });
  const draft = useDraft(form, user ? draftKey(user.id, 'report', draftFor) : null);
  const { busy, run } = useSingleSubmit();
  const year = form.values.year;
  // Through the query cache: retried like every read, and refreshed when the coordinator's draft changes.
  const narrative = useQuery({
    queryKey: draftKeys.draft(narrativeOf ?? '', Number(year)),
    queryFn: () => fetchNarrativeDraft(narrativeOf as string, Number(year)),
    enabled: Boolean(narrativeOf && year),
  });
  useEffect(() => {
    const d = narrative.data;
    if (!d) return;
    // Only into empty fields: what the lead typed (or a restored local draft) wins.
    if (!form.getValues().highlights) form.setFieldValue('highlights', d.highlights);
    if (!form.getValues().difficulties) form.setFieldValue('difficulties', d.difficulties);
    // A newly loaded draft only (the form object is stable across renders).
  }, [narrative.data]);

  const submit = form.onSubmit(
    (values) =>
      void run(async () => {
        const v = schema.parse(values);
        try {
          await onSubmit({
            year: v.year ? Number(v.year) : null,
            audience: v.audience,
            narrative: { highlights: v.highlights, difficulties: v.difficulties, outlook: v.outlook },
          });
        } catch (problem) {
          if (problem instanceof ApiError) setServerErrors(form, problem.body, SERVER_FIELDS);
          return;
        }
        draft.clear();
        form.reset();
      }),
  );

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label="Nouveau rapport">
        <Stack gap="sm">
          <Title order={3} size="h4">
            Nouveau rapport
          </Title>
          <DraftNotice draft={draft} />
          <Group grow align="flex-start">
            <Select
              label="Année de projet"
              data={years.map((y) => ({ value: String(y), label: `Année ${y}` }))}
              clearable={yearOptional}
              placeholder={yearOptional ? 'Année en cours de chaque pilote' : undefined}
              required={!yearOptional}
              allowDeselect={yearOptional}
              {...form.getInputProps('year')}
            />
            <Select
              label="Destinataire"
              data={AUDIENCE_OPTIONS}
              required
              allowDeselect={false}
              {...form.getInputProps('audience')}
            />
          </Group>
          <Textarea label="Faits marquants" autosize minRows={2} {...form.getInputProps('highlights')} />
          <Textarea label="Difficultés rencontrées" autosize minRows={2} {...form.getInputProps('difficulties')} />
          <Textarea label="Perspectives" autosize minRows={2} {...form.getInputProps('outlook')} />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              Générer le rapport
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import { Alert, Button, Group, Paper, Select, Stack, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { audienceLabels, type Audience, type Narrative } from './reportsApi';

export type ReportFormValues = { year: number | null; audience: Audience; narrative: Narrative };

const AUDIENCE_OPTIONS = (Object.keys(audienceLabels) as Audience[]).map((a) => ({
  value: a,
  label: audienceLabels[a],
}));

/** Year, audience and the lead's narrative (faits marquants, difficultés, perspectives). */
export function ReportForm({
  years,
  yearOptional = false,
  pending,
  error,
  onSubmit,
  loadDraft,
}: {
  years: number[];
  yearOptional?: boolean;
  pending: boolean;
  error: string | null;
  onSubmit: (values: ReportFormValues) => void;
  /** The coordinator's draft of the year's narrative, which the form starts from where the lead has typed nothing. */
  loadDraft?: (year: number) => Promise<{ highlights: string; difficulties: string }>;
}) {
  const [year, setYear] = useState<string | null>(yearOptional ? null : years.length > 0 ? String(years[0]) : null);
  const [audience, setAudience] = useState<Audience>('ademe');
  const [narrative, setNarrative] = useState<Narrative>({ highlights: '', difficulties: '', outlook: '' });
  useEffect(() => {
    if (!loadDraft || !year) return undefined;
    let current = true;
    loadDraft(Number(year)).then(
      (d) => {
        if (!current) return;
        setNarrative((n) => ({
          ...n,
          highlights: n.highlights || d.highlights,
          difficulties: n.difficulties || d.difficulties,
        }));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
    // The draft is fetched when the year changes, not on each render of its loader.
  }, [year]);
  const set = (key: keyof Narrative) => (e: React.ChangeEvent<HTMLTextAreaElement>) =>
    setNarrative({ ...narrative, [key]: e.currentTarget.value });

  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit({ year: year ? Number(year) : null, audience, narrative });
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            Nouveau rapport
          </Title>
          <Group grow align="flex-start">
            <Select
              label="Année de projet"
              data={years.map((y) => ({ value: String(y), label: `Année ${y}` }))}
              value={year}
              onChange={setYear}
              clearable={yearOptional}
              placeholder={yearOptional ? 'Année en cours de chaque pilote' : undefined}
              required={!yearOptional}
              allowDeselect={yearOptional}
            />
            <Select
              label="Destinataire"
              data={AUDIENCE_OPTIONS}
              value={audience}
              onChange={(v) => v && setAudience(v as Audience)}
              required
              allowDeselect={false}
            />
          </Group>
          <Textarea
            label="Faits marquants"
            autosize
            minRows={2}
            maxLength={20000}
            value={narrative.highlights}
            onChange={set('highlights')}
          />
          <Textarea
            label="Difficultés rencontrées"
            autosize
            minRows={2}
            maxLength={20000}
            value={narrative.difficulties}
            onChange={set('difficulties')}
          />
          <Textarea
            label="Perspectives"
            autosize
            minRows={2}
            maxLength={20000}
            value={narrative.outlook}
            onChange={set('outlook')}
          />
          {error && <Alert color="red">{error}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={pending} disabled={!yearOptional && !year}>
              Générer le rapport
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

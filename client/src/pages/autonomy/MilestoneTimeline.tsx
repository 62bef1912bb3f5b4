import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { formMessages } from '../../i18n/formMessages';
import { formatDate } from '../../i18n/format';
import {
  autonomyKeys,
  formatIndicator,
  type IndicatorDefinition,
  type IndicatorKey,
  type Milestone,
  milestoneStatusLabels,
  type MilestoneStatus,
  targetVerdictLabels,
} from './autonomyApi';

const STATUS_OPTIONS = (Object.keys(milestoneStatusLabels) as MilestoneStatus[]).map((value) => ({
  value,
  label: milestoneStatusLabels[value],
}));

function TargetBadge({ m, catalogue }: { m: Milestone; catalogue: IndicatorDefinition[] }) {
  if (!m.target) return null;
  const def = catalogue.find((d) => d.key === m.target?.indicator);
  const label = `${def?.label ?? m.target.indicator} ${m.target.operator === 'gte' ? '≥' : '≤'} ${def ? formatIndicator(def.unit, m.target.value) : m.target.value} en année ${m.target.year}`;
  const color =
    m.targetVerdict === 'met' || m.targetVerdict === 'met_so_far'
      ? 'green'
      : m.targetVerdict === 'not_measurable' || !m.targetVerdict
        ? 'gray'
        : 'orange';
  const verdict = m.targetVerdict ? (
    <Badge color={color} variant={color === 'gray' ? 'light' : 'filled'}>
      {targetVerdictLabels[m.targetVerdict]}
    </Badge>
  ) : null;
  return (
    <Group gap="xs">
      <Text size="sm">Cible : {label}</Text>
      {verdict}
      {m.targetActual !== null && def && (
        <Text size="sm" c="dimmed">
          mesuré : {formatIndicator(def.unit, m.targetActual)}
        </Text>
      )}
    </Group>
  );
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** A milestone's update (status and evidence), in French; the server checks it again. */
const evidenceSchema = z.object({
  status: z.enum(Object.keys(milestoneStatusLabels) as [MilestoneStatus, ...MilestoneStatus[]], {
    error: 'Choisissez un statut.',
  }),
  url: z
    .string()
    .trim()
    .max(2000, { error: formMessages.tooLong(2000) })
    .refine((v) => v === '' || URL_PATTERN.test(v), {
      error: 'Une adresse web complète, commençant par http:// ou https://.',
    }),
  text: z
    .string()
    .trim()
    .max(5000, { error: formMessages.tooLong(5000) }),
});
type EvidenceValues = z.input<typeof evidenceSchema>;

/** Keeps the server's refusal (a problem+json body) for the form's fields and its message. */
class MilestoneRefused extends Error {
  constructor(readonly problem: unknown) {
    super(problemMessage(problem));
  }
}

function MilestoneEditor({ m, pilotId }: { m: Milestone; pilotId: string }) {
  const queryClient = useQueryClient();
  const form = useSchemaForm<EvidenceValues>(evidenceSchema, {
    status: m.status,
    text: m.evidence.text ?? '',
    url: m.evidence.url ?? '',
  });
  const save = useMutation({
    mutationFn: async (v: z.output<typeof evidenceSchema>) => {
      const { data, error } = await api.PATCH('/api/milestones/{id}', {
        params: { path: { id: m.id } },
        body: { status: v.status, evidence: { text: v.text || null, url: v.url || null } },
      });
      if (error) throw new MilestoneRefused(error);
      return data;
    },
    onSuccess: () => {
      form.resetDirty();
      return queryClient.invalidateQueries({ queryKey: autonomyKeys.autonomy(pilotId) });
    },
    onError: (error) => {
      if (error instanceof MilestoneRefused)
        setServerErrors(form, error.problem, { 'evidence.url': 'url', 'evidence.text': 'text' });
    },
  });
  const submit = form.onSubmit((values) => {
    if (save.isPending) return;
    save.mutate(evidenceSchema.parse(values));
  });
  return (
    <form onSubmit={submit} noValidate aria-label={`Mettre à jour le jalon « ${m.title} »`}>
      <Stack gap="xs" mt="xs">
        <Group align="flex-end" wrap="wrap">
          <Select
            label="Statut"
            data={STATUS_OPTIONS}
            allowDeselect={false}
            w={160}
            {...form.getInputProps('status')}
          />
          <TextInput label="Lien de preuve" placeholder="https://…" maw={280} {...form.getInputProps('url')} />
        </Group>
        <Textarea label="Preuve (texte)" autosize minRows={1} maxRows={4} {...form.getInputProps('text')} />
        <Group>
          <Button size="xs" type="submit" loading={save.isPending}>
            Enregistrer le jalon
          </Button>
          {save.isError && (
            <Text c="red" size="sm" role="alert">
              {save.error.message}
            </Text>
          )}
          {save.isSuccess && (
            <Text c="green" size="sm">
              Enregistré.
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The roadmap to the end of the last project year, with late and met markers. */
export function MilestoneTimeline({
  milestones,
  endDate,
  today,
  catalogue,
  pilotId,
  canUpdate,
}: {
  milestones: Milestone[];
  endDate: string | null;
  today: string;
  catalogue: IndicatorDefinition[];
  pilotId: string;
  canUpdate: boolean;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const active = milestones.filter((m) => m.dueDate <= today || m.status === 'done').length;
  return (
    <Timeline active={active - 1} bulletSize={22} lineWidth={2} aria-label="Feuille de route vers l’autonomie">
      {milestones.map((m) => (
        <Timeline.Item
          key={m.id}
          color={m.late ? 'red' : m.status === 'done' ? 'green' : m.status === 'dropped' ? 'gray' : 'blue'}
          bullet={<span aria-hidden="true">{m.late ? '!' : m.status === 'done' ? '✓' : ''}</span>}
          title={
            <Group gap="xs">
              <Text fw={600}>{m.title}</Text>
              <Badge variant="light" color={m.status === 'done' ? 'green' : m.status === 'dropped' ? 'gray' : 'blue'}>
                {milestoneStatusLabels[m.status]}
              </Badge>
              {m.late && <Badge color="red">En retard</Badge>}
            </Group>
          }
        >
          <Text size="sm" c="dimmed">
            Échéance : {formatDate(m.dueDate)}
            {m.owner ? ` — porté par ${m.owner}` : ''}
          </Text>
          {m.description && <Text size="sm">{m.description}</Text>}
          <TargetBadge m={m} catalogue={catalogue} />
          {(m.evidence.text || m.evidence.url || m.evidence.file) && (
            <Text size="sm">
              Preuve : {m.evidence.text}{' '}
              {m.evidence.url && (
                <Anchor href={m.evidence.url} target="_blank" rel="noreferrer">
                  lien
                </Anchor>
              )}{' '}
              {m.evidence.file && (
                <Anchor href={`/api/milestones/${m.id}/evidence-file`}>{m.evidence.file.name}</Anchor>
              )}
            </Text>
          )}
          {canUpdate && (
            <Button variant="subtle" size="compact-xs" onClick={() => setEditing(editing === m.id ? null : m.id)}>
              {editing === m.id ? 'Fermer' : 'Mettre à jour'}
            </Button>
          )}
          {editing === m.id && <MilestoneEditor m={m} pilotId={pilotId} />}
        </Timeline.Item>
      ))}
      {endDate && (
        <Timeline.Item title={<Text fw={600}>Fin de l’accompagnement de Smicval</Text>} color="gray">
          <Text size="sm" c="dimmed">
            {formatDate(endDate)} — fin de la dernière année de projet
          </Text>
        </Timeline.Item>
      )}
    </Timeline>
  );
}

/** A new milestone's rules, in French; the server checks them again. */
const milestoneSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, { error: 'Donnez un titre au jalon.' })
      .max(200, { error: formMessages.tooLong(200) }),
    dueDate: z.string().regex(DATE, { error: formMessages.date }),
    owner: z
      .string()
      .trim()
      .max(200, { error: formMessages.tooLong(200) }),
    indicator: z.string().nullable(),
    operator: z.enum(['gte', 'lte']),
    value: z.union([z.literal(''), z.number({ error: 'Un nombre.' })]),
    year: z.union([
      z.literal(''),
      z
        .number({ error: 'Une année de projet.' })
        .int({ error: formMessages.wholeNumber })
        .min(1, { error: formMessages.atLeast(1) })
        .max(10, { error: formMessages.atMost(10) }),
    ]),
  })
  .refine((v) => !v.indicator || v.value !== '', { error: 'Indiquez la valeur cible.', path: ['value'] })
  .refine((v) => !v.indicator || v.year !== '', { error: 'Indiquez l’année de projet.', path: ['year'] });
type MilestoneValues = {
  title: string;
  dueDate: string;
  owner: string;
  indicator: string | null;
  operator: 'gte' | 'lte';
  value: number | '';
  year: number | '';
};
const NEW_MILESTONE: MilestoneValues = {
  title: '',
  dueDate: '',
  owner: '',
  indicator: null,
  operator: 'gte',
  value: '',
  year: 2,
};

/** The lead's form to add a milestone (optionally with a measurable target). */
export function NewMilestoneForm({ pilotId, catalogue }: { pilotId: string; catalogue: IndicatorDefinition[] }) {
  const queryClient = useQueryClient();
  const form = useSchemaForm<MilestoneValues>(milestoneSchema, NEW_MILESTONE);
  const create = useMutation({
    mutationFn: async (v: z.output<typeof milestoneSchema>) => {
      const def = catalogue.find((d) => d.key === v.indicator);
      // Ratios are typed as percentages and sent as fractions.
      const raw = v.value === '' ? 0 : v.value;
      const target = def
        ? {
            indicator: def.key as IndicatorKey,
            operator: v.operator,
            value: def.unit === 'ratio' ? raw / 100 : def.unit === 'cents' ? Math.round(raw * 100) : raw,
            year: v.year === '' ? 1 : v.year,
          }
        : undefined;
      const { data, error } = await api.POST('/api/pilots/{id}/milestones', {
        params: { path: { id: pilotId } },
        body: {
          title: v.title,
          dueDate: v.dueDate,
          ...(v.owner ? { owner: v.owner } : {}),
          ...(target ? { target } : {}),
        },
      });
      if (error) throw new MilestoneRefused(error);
      return data;
    },
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: autonomyKeys.autonomy(pilotId) });
    },
    onError: (error) => {
      if (error instanceof MilestoneRefused)
        setServerErrors(form, error.problem, {
          'target.value': 'value',
          'target.year': 'year',
          'target.indicator': 'indicator',
        });
    },
  });
  const submit = form.onSubmit((values) => {
    if (create.isPending) return;
    create.mutate(milestoneSchema.parse(values));
  });
  const indicator = form.values.indicator;
  const unit = catalogue.find((d) => d.key === indicator)?.unit;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-milestone-title">
      <Title order={3} size="h5" mb="xs" id="new-milestone-title">
        Ajouter un jalon
      </Title>
      <form onSubmit={submit} noValidate aria-labelledby="new-milestone-title">
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Titre" required {...form.getInputProps('title')} />
            <TextInput label="Échéance" type="date" required {...form.getInputProps('dueDate')} />
            <TextInput label="Porteur" {...form.getInputProps('owner')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Select
              label="Indicateur cible (facultatif)"
              clearable
              data={catalogue.map((d) => ({ value: d.key, label: d.label }))}
              {...form.getInputProps('indicator')}
            />
            <Select
              label="Opérateur"
              data={[
                { value: 'gte', label: 'au moins (≥)' },
                { value: 'lte', label: 'au plus (≤)' },
              ]}
              allowDeselect={false}
              disabled={!indicator}
              {...form.getInputProps('operator')}
            />
            <NumberInput
              label={unit === 'ratio' ? 'Valeur cible (%)' : unit === 'cents' ? 'Valeur cible (€)' : 'Valeur cible'}
              disabled={!indicator}
              decimalSeparator=","
              {...form.getInputProps('value')}
            />
            <NumberInput
              label="Année de projet"
              allowDecimal={false}
              disabled={!indicator}
              {...form.getInputProps('year')}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={create.isPending}>
              Ajouter le jalon
            </Button>
            {create.isError && Object.keys(form.errors).length === 0 && (
              <Text c="red" size="sm" role="alert">
                {create.error.message}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

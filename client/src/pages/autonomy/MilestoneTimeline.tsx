import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { problemFieldErrors, problemMessage } from '../../api/problem';
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

function MilestoneEditor({ m, pilotId }: { m: Milestone; pilotId: string }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<MilestoneStatus>(m.status);
  const [text, setText] = useState(m.evidence.text ?? '');
  const [url, setUrl] = useState(m.evidence.url ?? '');
  const save = useMutation({
    mutationFn: async () => {
      const { data, error } = await api.PATCH('/api/milestones/{id}', {
        params: { path: { id: m.id } },
        body: { status, evidence: { text: text.trim() || null, url: url.trim() || null } },
      });
      if (error) throw error;
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: autonomyKeys.autonomy(pilotId) }),
  });
  const fieldErrors = save.error ? problemFieldErrors(save.error) : {};
  return (
    <Stack gap="xs" mt="xs">
      <Group align="flex-end" wrap="wrap">
        <Select
          label="Statut"
          data={STATUS_OPTIONS}
          value={status}
          onChange={(v) => v && setStatus(v as MilestoneStatus)}
          allowDeselect={false}
          w={160}
        />
        <TextInput
          label="Lien de preuve"
          placeholder="https://…"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={fieldErrors['evidence.url']}
          w={280}
        />
      </Group>
      <Textarea
        label="Preuve (texte)"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={1}
        maxRows={4}
      />
      <Group>
        <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
          Enregistrer le jalon
        </Button>
        {save.isError && (
          <Text c="red" size="sm">
            {problemMessage(save.error)}
          </Text>
        )}
        {save.isSuccess && (
          <Text c="green" size="sm">
            Enregistré.
          </Text>
        )}
      </Group>
    </Stack>
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

/** The lead's form to add a milestone (optionally with a measurable target). */
export function NewMilestoneForm({ pilotId, catalogue }: { pilotId: string; catalogue: IndicatorDefinition[] }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [owner, setOwner] = useState('');
  const [indicator, setIndicator] = useState<string | null>(null);
  const [operator, setOperator] = useState<'gte' | 'lte'>('gte');
  const [value, setValue] = useState<number | string>('');
  const [year, setYear] = useState<number | string>(2);
  const create = useMutation({
    mutationFn: async () => {
      const def = catalogue.find((d) => d.key === indicator);
      // Ratios are typed as percentages and sent as fractions.
      const raw = typeof value === 'number' ? value : Number(value);
      const target = def
        ? {
            indicator: def.key as IndicatorKey,
            operator,
            value: def.unit === 'ratio' ? raw / 100 : def.unit === 'cents' ? Math.round(raw * 100) : raw,
            year: Number(year),
          }
        : undefined;
      const { data, error } = await api.POST('/api/pilots/{id}/milestones', {
        params: { path: { id: pilotId } },
        body: { title, dueDate, ...(owner.trim() ? { owner } : {}), ...(target ? { target } : {}) },
      });
      if (error) throw error;
      return data;
    },
    onSuccess: () => {
      setTitle('');
      setDueDate('');
      setOwner('');
      setIndicator(null);
      void queryClient.invalidateQueries({ queryKey: autonomyKeys.autonomy(pilotId) });
    },
  });
  const errors = create.error ? problemFieldErrors(create.error) : {};
  const unit = catalogue.find((d) => d.key === indicator)?.unit;
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="xs">
        Ajouter un jalon
      </Title>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput
            label="Titre"
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
          />
          <TextInput
            label="Échéance"
            type="date"
            required
            value={dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
            error={errors.dueDate}
          />
          <TextInput
            label="Porteur"
            value={owner}
            onChange={(e) => setOwner(e.currentTarget.value)}
            error={errors.owner}
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label="Indicateur cible (facultatif)"
            clearable
            data={catalogue.map((d) => ({ value: d.key, label: d.label }))}
            value={indicator}
            onChange={setIndicator}
          />
          <Select
            label="Opérateur"
            data={[
              { value: 'gte', label: 'au moins (≥)' },
              { value: 'lte', label: 'au plus (≤)' },
            ]}
            value={operator}
            onChange={(v) => v && setOperator(v as 'gte' | 'lte')}
            allowDeselect={false}
            disabled={!indicator}
          />
          <NumberInput
            label={unit === 'ratio' ? 'Valeur cible (%)' : unit === 'cents' ? 'Valeur cible (€)' : 'Valeur cible'}
            value={value}
            onChange={setValue}
            disabled={!indicator}
            error={errors['target.value']}
            decimalSeparator=","
          />
          <NumberInput
            label="Année de projet"
            min={1}
            max={10}
            value={year}
            onChange={setYear}
            disabled={!indicator}
            error={errors['target.year']}
          />
        </Group>
        <Group>
          <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!title.trim() || !dueDate}>
            Ajouter le jalon
          </Button>
          {create.isError && (
            <Text c="red" size="sm">
              {problemMessage(create.error)}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Loader,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';
import { formatDate, formatDateTime, formatEuros } from '../../i18n/format';
import { pilotStatusLabels, policyLabels, type PilotStatus, type Policy } from '../../i18n/labels';
import { formatCount, pilotKeys, pilotProblemMessage, unwrap, type Pilot } from './pilotsApi';
import { usePilot, usePilotSchemaForm } from './usePilot';
import { formMessages } from '../../i18n/formMessages';
import { ScrollTable } from '../../components/ScrollTable';
import { todayInFrance } from '../../i18n/dates';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: formMessages.tooLong(max) });

/** An amendment's rules, in French; the server checks them again (and the date against the convention). */
const amendmentSchema = z.object({
  inhabitants: z
    .number({ error: 'Indiquez le nouveau nombre d’habitants.' })
    .int({ error: formMessages.wholeNumber })
    .min(1, { error: formMessages.atLeast(1) })
    .max(10_000_000, { error: formMessages.atMost(10_000_000) }),
  effectiveDate: z.string().regex(DATE, { error: formMessages.date }),
  reason: z
    .string()
    .trim()
    .min(1, { error: 'Indiquez le motif, par exemple « Avenant n°1 : recensement 2024 ».' })
    .max(2000, { error: formMessages.tooLong(2000) }),
});
type AmendmentValues = { inhabitants: number | string; effectiveDate: string; reason: string };

function AmendmentForm({ id }: { id: string }) {
  const { form, submit, pending, problem } = usePilotSchemaForm({
    id,
    schema: amendmentSchema as z.ZodType<z.output<typeof amendmentSchema>, AmendmentValues>,
    initialValues: { inhabitants: '', effectiveDate: '', reason: '' } as AmendmentValues,
    send: async (body) => unwrap(await api.POST('/api/pilots/{id}/amendments', { params: { path: { id } }, body })),
    confirm: () => 'Avenant enregistré.',
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Ajouter un avenant">
      <Stack gap="sm">
        <Title order={4} size="h6">
          Ajouter un avenant
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label="Nouveau nombre d’habitants"
            required
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('inhabitants')}
          />
          <TextInput type="date" label="Date d’effet" required {...form.getInputProps('effectiveDate')} />
          <TextInput
            label="Motif"
            required
            placeholder="Avenant n°1 : recensement 2024"
            {...form.getInputProps('reason')}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Les versements déjà faits restent acquis ; les dotations non versées suivent le chiffre en vigueur à leur
          date. Un avenant ne se modifie pas : un nouvel avenant le remplace.
        </Text>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            Enregistrer l’avenant
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The record's rules (the server's limits), in French. */
const recordSchema = z.object({
  startDate: z.string().refine((v) => v === '' || DATE.test(v), {
    error: 'Une date complète, ou rien si elle n’est pas encore fixée.',
  }),
  status: z.enum(Object.keys(pilotStatusLabels) as [PilotStatus, ...PilotStatus[]], {
    error: 'Choisissez un statut.',
  }),
  district: optionalText(200),
  place: optionalText(500),
  inhabitantsSource: optionalText(500),
  expert1: optionalText(200),
  expert2: optionalText(200),
});
type RecordValues = z.input<typeof recordSchema>;

function RecordForm({ pilot }: { pilot: Pilot }) {
  const { form, submit, pending, problem } = usePilotSchemaForm({
    id: pilot.id,
    schema: recordSchema,
    initialValues: {
      startDate: pilot.startDate ?? '',
      status: pilot.status,
      district: pilot.district ?? '',
      place: pilot.place ?? '',
      inhabitantsSource: pilot.inhabitantsSource ?? '',
      expert1: pilot.experts[0]?.name ?? '',
      expert2: pilot.experts[1]?.name ?? '',
    } satisfies RecordValues,
    send: async (v) =>
      unwrap(
        await api.PATCH('/api/pilots/{id}', {
          params: { path: { id: pilot.id } },
          body: {
            startDate: v.startDate || null,
            status: v.status,
            district: v.district || null,
            place: v.place || null,
            inhabitantsSource: v.inhabitantsSource || null,
            // Keeps what is known of each expert (organisation, e-mail) when only the name is edited here.
            experts: [v.expert1, v.expert2]
              .map((name, i) => ({
                ...pilot.experts[i],
                name,
                organisation: pilot.experts[i]?.organisation ?? 'COOP’TER',
              }))
              .filter((e) => e.name),
          },
        }),
      ),
    confirm: () => 'Projet pilote mis à jour.',
    keepValues: true,
    fieldMap: { 'experts.0.name': 'expert1', 'experts.1.name': 'expert2' },
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Modifier la fiche">
      <Stack gap="sm">
        <Title order={4} size="h6">
          Modifier la fiche
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label="Démarrage de la convention" {...form.getInputProps('startDate')} />
          <NativeSelect
            label="Statut"
            data={Object.entries(pilotStatusLabels).map(([value, label]) => ({ value, label }))}
            {...form.getInputProps('status')}
          />
          <TextInput label="Quartier" {...form.getInputProps('district')} />
          <TextInput label="Lieu" {...form.getInputProps('place')} />
          <TextInput label="Source du nombre d’habitants" {...form.getInputProps('inhabitantsSource')} />
          <TextInput label="Expert COOP’TER (1)" {...form.getInputProps('expert1')} />
          <TextInput label="Expert COOP’TER (2)" {...form.getInputProps('expert2')} />
        </SimpleGrid>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={pending}>
            Enregistrer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TerritoryTab() {
  const { id, pilot, isLead } = usePilot();
  const history = useQuery({
    queryKey: pilotKeys.amendments(id),
    queryFn: async () => unwrap(await api.GET('/api/pilots/{id}/amendments', { params: { path: { id } } })),
  });
  if (pilot.isPending) return <Loader aria-label="Chargement du territoire" />;
  if (pilot.isError) return <Alert color="red">{pilotProblemMessage(pilot.error)}</Alert>;
  const p = pilot.data;
  const coordinators = p.members.filter((m) => m.role === 'coordinator');
  const reviewers = p.members.filter((m) => m.role === 'reviewer');

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="xs">
            Territoire
          </Title>
          <List size="sm" spacing={2}>
            {p.communes.map((c) => (
              <List.Item key={`${c.name}${c.inseeCode ?? ''}`}>
                {c.name}
                {c.inseeCode ? ` (INSEE ${c.inseeCode})` : ''}
              </List.Item>
            ))}
          </List>
          <Text mt="sm" data-testid="inhabitants-in-force">
            <b>{formatCount(p.inhabitantsInForce)}</b> habitants concernés aujourd’hui
          </Text>
          <Text size="sm" c="dimmed">
            {formatCount(p.inhabitants)} à la création{p.inhabitantsSource ? ` — source : ${p.inhabitantsSource}` : ''}
          </Text>
          {(p.district || p.place) && (
            <Text size="sm" mt="xs">
              {[p.district, p.place].filter(Boolean).join(' — ')}
            </Text>
          )}
          <Group gap={4} mt="xs">
            {p.policies.map((pol) => (
              <Badge key={pol} variant="light" tt="none" size="sm">
                {policyLabels[pol as Policy] ?? pol}
              </Badge>
            ))}
          </Group>
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="xs">
            Convention et personnes
          </Title>
          <Text size="sm">
            {p.startDate
              ? `Démarrage de la convention : ${formatDate(p.startDate)}`
              : 'Date de démarrage de la convention à fixer.'}
          </Text>
          {p.projectYears.map((y) => (
            <Text key={y.year} size="sm" c="dimmed">
              Année {y.year} : du {formatDate(y.from)} au {formatDate(y.to)}
            </Text>
          ))}
          <Text size="sm" mt="xs">
            Dotations : {formatEuros(p.investmentPerInhabitantCents)} par habitant (investissement),{' '}
            {formatEuros(p.operatingPerInhabitantPerYearCents)} par habitant et par an pendant {p.operatingYears} ans
            (fonctionnement)
          </Text>
          <Text size="sm" mt="xs">
            Cheffe / chef de projet Smicval : {p.lead?.name ?? '—'}
          </Text>
          <Text size="sm">Coordination : {coordinators.map((m) => m.name).join(', ') || 'personne encore'}</Text>
          <Text size="sm">Experts COOP’TER : {p.experts.map((e) => e.name).join(', ') || 'à désigner'}</Text>
          <Text size="sm">Relecteurs : {reviewers.map((m) => m.name).join(', ') || '—'}</Text>
          {p.coordinatorContact && <Text size="sm">Contact de la coordination : {p.coordinatorContact}</Text>}
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          Historique des avenants
        </Title>
        {history.isPending ? (
          <Loader size="sm" aria-label="Chargement des avenants" />
        ) : history.isError ? (
          <Alert color="red">{pilotProblemMessage(history.error)}</Alert>
        ) : history.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Aucun avenant : le nombre d’habitants de la convention ({formatCount(history.data.initial)}) est en vigueur.
          </Text>
        ) : (
          <ScrollTable label="Avenants" minWidth={560}>
            <Table data-testid="amendments-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date d’effet</Table.Th>
                  <Table.Th ta="right">Habitants</Table.Th>
                  <Table.Th>Motif</Table.Th>
                  <Table.Th>Enregistré le</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Td>{p.startDate ? formatDate(p.startDate) : '—'}</Table.Td>
                  <Table.Td ta="right">{formatCount(history.data.initial)}</Table.Td>
                  <Table.Td>Convention initiale</Table.Td>
                  <Table.Td>{formatDateTime(p.createdAt)}</Table.Td>
                  <Table.Td />
                </Table.Tr>
                {history.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{formatDate(a.effectiveDate)}</Table.Td>
                    <Table.Td ta="right">{formatCount(a.inhabitants)}</Table.Td>
                    <Table.Td>{a.reason}</Table.Td>
                    <Table.Td>{formatDateTime(a.createdAt)}</Table.Td>
                    <Table.Td>
                      {a.inForce ? (
                        <Badge color="teal" variant="light" tt="none">
                          En vigueur
                        </Badge>
                      ) : a.effectiveDate > todayInFrance() ? (
                        <Badge color="gray" variant="light" tt="none">
                          À venir
                        </Badge>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {isLead && (
          <Paper mt="md" p="sm" bg="gray.0">
            <AmendmentForm id={id} />
          </Paper>
        )}
      </Paper>

      {isLead && (
        <Paper withBorder p="md">
          <RecordForm key={p.updatedAt} pilot={p} />
        </Paper>
      )}
    </Stack>
  );
}

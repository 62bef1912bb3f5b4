import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { problemMessage } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { formatDate } from '../i18n/format';
import { pilotStatusLabels, type PilotStatus } from '../i18n/labels';
import { StatusBadge } from './pilots/StatusBadge';
import { ApiError, formatCount, pilotKeys, unwrap, type PilotSummary } from './pilots/pilotsApi';
import { setServerErrors, useSchemaForm } from '../forms/schemaForm';
import { communeList, pilotSchema, type PilotValues } from './pilots/pilotSchema';
import { queryKeys } from '../api/queryKeys';

function yearText(p: PilotSummary): string {
  if (p.currentProjectYear === null) return 'Date de démarrage à fixer';
  if (p.currentProjectYear === 0) return `Démarrage le ${formatDate(p.startDate!)}`;
  if (p.stage === 'bilan' || p.stage === 'autonomous' || p.stage === 'ended') return 'Programme terminé';
  return `Année ${p.currentProjectYear} du projet`;
}

function PilotCard({ pilot }: { pilot: PilotSummary }) {
  return (
    <Card withBorder padding="md" component="article" aria-label={pilot.name}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/pilotes/${pilot.id}`} fw={600}>
            {pilot.name}
          </Anchor>
          <StatusBadge status={pilot.stage} />
        </Group>
        <Text size="sm">{pilot.communes.map((c) => c.name).join(', ')}</Text>
        <Text size="sm" c="dimmed">
          {formatCount(pilot.inhabitantsInForce)} habitants concernés
          {pilot.waveYear ? ` · vague ${pilot.waveYear}` : ''} · {yearText(pilot)}
        </Text>
      </Stack>
    </Card>
  );
}

/** Direct creation by the lead, for a pilot selected before the platform existed. */
function CreatePilotModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useSchemaForm<{
    name: string;
    communes: string;
    inhabitants: number | string;
    inhabitantsSource: string;
    startDate: string;
    waveYear: number | string;
  }>(pilotSchema, {
    name: '',
    communes: '',
    inhabitants: '',
    inhabitantsSource: '',
    startDate: '',
    waveYear: '',
  });
  const create = useMutation({
    mutationFn: async (v: PilotValues) =>
      unwrap(
        await api.POST('/api/pilots', {
          body: {
            name: v.name.trim(),
            communes: communeList(v.communes).map((c) => ({ name: c })),
            inhabitants: v.inhabitants,
            inhabitantsSource: v.inhabitantsSource.trim() || null,
            startDate: v.startDate || null,
            waveYear: v.waveYear === '' ? null : v.waveYear,
          },
        }),
      ),
    onSuccess: async (pilot) => {
      form.reset();
      await queryClient.invalidateQueries({ queryKey: queryKeys.pilots.all });
      onClose();
      void navigate(`/pilotes/${pilot.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError) setServerErrors(form, error.body);
    },
  });
  const submit = form.onSubmit((values) => {
    if (create.isPending) return;
    create.mutate(pilotSchema.parse(values));
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Créer un projet pilote">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Pour un territoire retenu avant la plateforme. Les candidatures retenues dans un appel créent leur pilote
            d’elles-mêmes.
          </Text>
          <TextInput label="Nom du projet" required {...form.getInputProps('name')} />
          <TextInput label="Communes (séparées par des virgules)" required {...form.getInputProps('communes')} />
          <NumberInput
            label="Habitants concernés"
            required
            min={1}
            allowDecimal={false}
            thousandSeparator=" "
            {...form.getInputProps('inhabitants')}
          />
          <TextInput
            label="Source du chiffre"
            placeholder="INSEE, population municipale 2021"
            {...form.getInputProps('inhabitantsSource')}
          />
          <TextInput type="date" label="Date de démarrage de la convention" {...form.getInputProps('startDate')} />
          <NumberInput
            label="Vague (année de l’appel)"
            min={2000}
            max={2100}
            allowDecimal={false}
            {...form.getInputProps('waveYear')}
          />
          {create.isError && (
            <Alert color="red" role="alert">
              {create.error instanceof ApiError ? problemMessage(create.error.body) : 'Une erreur est survenue.'}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Annuler
            </Button>
            <Button type="submit" loading={create.isPending}>
              Créer le pilote
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function PilotsPage() {
  const { user } = useAuth();
  const [status, setStatus] = useState<string | null>(null);
  const [opened, { open, close }] = useDisclosure(false);
  const filters = status ? { status: status as PilotStatus } : {};
  const pilots = useQuery({
    queryKey: pilotKeys.list(filters),
    queryFn: async () => unwrap(await api.GET('/api/pilots', { params: { query: { ...filters, limit: 500 } } })),
  });
  const isLead = user?.role === 'lead';

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2}>Projets pilotes</Title>
        {isLead && <Button onClick={open}>Créer un projet pilote</Button>}
      </Group>
      <Select
        label="Statut"
        placeholder="Tous les statuts"
        clearable
        maw={260}
        data={Object.entries(pilotStatusLabels).map(([value, label]) => ({ value, label }))}
        value={status}
        onChange={setStatus}
      />
      {pilots.isPending ? (
        <Loader aria-label="Chargement des projets pilotes" />
      ) : pilots.isError ? (
        <Alert color="red">
          {pilots.error instanceof ApiError
            ? problemMessage(pilots.error.body)
            : 'Impossible de charger les projets pilotes.'}
        </Alert>
      ) : pilots.data.items.length === 0 ? (
        <Alert color="gray" title="Aucun projet pilote">
          {status
            ? 'Aucun projet pilote n’a ce statut.'
            : isLead
              ? 'Retenez une candidature dans un appel à coopération : son projet pilote se crée avec elle. Pour un territoire retenu avant la plateforme, utilisez « Créer un projet pilote ».'
              : 'Vous n’êtes rattaché à aucun projet pilote pour l’instant : demandez à la cheffe ou au chef de projet Smicval de vous y ajouter.'}
        </Alert>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {pilots.data.items.map((p) => (
            <PilotCard key={p.id} pilot={p} />
          ))}
        </SimpleGrid>
      )}
      {isLead && <CreatePilotModal opened={opened} onClose={close} />}
    </Stack>
  );
}

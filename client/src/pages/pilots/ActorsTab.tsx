import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  NativeSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { formatEuros } from '../../i18n/format';
import { actorTypeLabels, contributionKindLabels, type ActorType, type ContributionKind } from '../../i18n/labels';
import { ActorNetworkGraph, actorTypeColors } from './ActorNetworkGraph';
import {
  ensureOk,
  fetchNetwork,
  formatCount,
  formatHours,
  pilotKeys,
  pilotProblemMessage,
  unwrap,
  type Actor,
  type ActorNetwork,
} from './pilotsApi';
import { usePilot, usePilotForm } from './usePilot';
import { ScrollTable } from '../../components/ScrollTable';
import { queryKeys } from '../../api/queryKeys';

const typeOptions = Object.entries(actorTypeLabels).map(([value, label]) => ({ value, label }));
const kindOptions = Object.entries(contributionKindLabels).map(([value, label]) => ({ value, label }));

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.pilot.all(id) });
}

/** Adds an actor, or edits one when `actor` is given. */
function ActorModal({
  id,
  actor,
  opened,
  onClose,
}: {
  id: string;
  actor?: Actor | null;
  opened: boolean;
  onClose: () => void;
}) {
  const [name, setName] = useState(actor?.name ?? '');
  const [type, setType] = useState<ActorType>((actor?.type as ActorType) ?? 'associative');
  const [contact, setContact] = useState(actor?.contact ?? '');
  const [description, setDescription] = useState(actor?.description ?? '');
  const [publicConsent, setPublicConsent] = useState(actor?.publicConsent ?? false);
  const { submit, pending, problem, errors } = usePilotForm(
    id,
    async () => {
      const body = { name, type, contact: contact || null, description: description || null, publicConsent };
      if (actor)
        return unwrap(
          await api.PATCH('/api/pilots/{id}/actors/{actorId}', { params: { path: { id, actorId: actor.id } }, body }),
        );
      return unwrap(await api.POST('/api/pilots/{id}/actors', { params: { path: { id } }, body }));
    },
    (a) => (actor ? `Acteur « ${a.name} » modifié.` : `Acteur « ${a.name} » ajouté.`),
    () => {
      if (!actor) {
        setName('');
        setContact('');
        setDescription('');
        setPublicConsent(false);
      }
      onClose();
    },
  );
  return (
    <Modal opened={opened} onClose={onClose} title={actor ? 'Modifier l’acteur' : 'Ajouter un acteur'}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label="Nom"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <NativeSelect
            label="Type d’acteur"
            data={typeOptions}
            value={type}
            onChange={(e) => setType(e.currentTarget.value as ActorType)}
          />
          <TextInput
            label="Contact"
            placeholder="Nom, courriel ou téléphone"
            value={contact}
            onChange={(e) => setContact(e.currentTarget.value)}
            error={errors.contact}
          />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <NativeSelect
            label="Nommé sur la page publique du projet"
            description="Seulement si l’acteur l’a accepté ; sinon il n’est que compté dans les totaux."
            data={[
              { value: 'non', label: 'Non' },
              { value: 'oui', label: 'Oui, l’acteur l’a accepté' },
            ]}
            value={publicConsent ? 'oui' : 'non'}
            onChange={(e) => setPublicConsent(e.currentTarget.value === 'oui')}
            error={errors.publicConsent}
          />
          {problem && <Alert color="red">{problem}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={pending}>
              {actor ? 'Enregistrer' : 'Ajouter'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ContributionModal({
  id,
  network,
  opened,
  onClose,
  currentYear,
}: {
  id: string;
  network: ActorNetwork;
  opened: boolean;
  onClose: () => void;
  currentYear: number;
}) {
  const [actorId, setActorId] = useState('');
  const [kind, setKind] = useState<ContributionKind>('skills');
  const [description, setDescription] = useState('');
  const [euros, setEuros] = useState<number | string>('');
  const [hours, setHours] = useState<number | string>('');
  const [year, setYear] = useState<number | string>(currentYear);
  const { submit, pending, problem, errors } = usePilotForm(
    id,
    async () =>
      unwrap(
        await api.POST('/api/pilots/{id}/contributions', {
          params: { path: { id } },
          body: {
            actorId: actorId || network.nodes[0]?.id || '',
            kind,
            description,
            valueCents: euros === '' ? null : Math.round(Number(euros) * 100),
            hours: hours === '' ? null : Number(hours),
            year: Number(year),
          },
        }),
      ),
    () => 'Contribution enregistrée.',
    () => {
      setDescription('');
      setEuros('');
      setHours('');
      onClose();
    },
  );
  return (
    <Modal opened={opened} onClose={onClose} title="Ajouter une contribution">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <NativeSelect
            label="Acteur"
            required
            data={network.nodes.map((a) => ({ value: a.id, label: a.name }))}
            value={actorId || network.nodes[0]?.id}
            onChange={(e) => setActorId(e.currentTarget.value)}
            error={errors.actorId}
          />
          <NativeSelect
            label="Ce qu’il apporte"
            data={kindOptions}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as ContributionKind)}
          />
          <Textarea
            label="Description"
            required
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <SimpleGrid cols={3}>
            <NumberInput
              label="Valeur (€)"
              min={0}
              decimalScale={2}
              allowNegative={false}
              decimalSeparator=","
              thousandSeparator=" "
              value={euros}
              onChange={setEuros}
              error={errors.valueCents}
            />
            <NumberInput
              label="Heures"
              min={0}
              decimalScale={2}
              allowNegative={false}
              decimalSeparator=","
              value={hours}
              onChange={setHours}
              error={errors.hours}
            />
            <NumberInput
              label="Année du projet"
              min={1}
              max={10}
              allowDecimal={false}
              value={year}
              onChange={setYear}
              error={errors.year}
            />
          </SimpleGrid>
          {problem && <Alert color="red">{problem}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={pending}>
              Enregistrer
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function LinkModal({
  id,
  network,
  opened,
  onClose,
}: {
  id: string;
  network: ActorNetwork;
  opened: boolean;
  onClose: () => void;
}) {
  const options = network.nodes.map((a) => ({ value: a.id, label: a.name }));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [nature, setNature] = useState('');
  const { submit, pending, problem, errors } = usePilotForm(
    id,
    async () =>
      unwrap(
        await api.POST('/api/pilots/{id}/actor-links', {
          params: { path: { id } },
          body: { fromActorId: from || options[0]?.value || '', toActorId: to || options[1]?.value || '', nature },
        }),
      ),
    () => 'Lien enregistré.',
    () => {
      setNature('');
      onClose();
    },
  );
  return (
    <Modal opened={opened} onClose={onClose} title="Relier deux acteurs">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <NativeSelect
            label="Acteur"
            data={options}
            value={from || options[0]?.value}
            onChange={(e) => setFrom(e.currentTarget.value)}
            error={errors.fromActorId}
          />
          <NativeSelect
            label="travaille déjà avec"
            data={options}
            value={to || options[1]?.value}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={errors.toActorId}
          />
          <TextInput
            label="Sur quoi"
            required
            placeholder="Organisent ensemble la bourse aux jouets"
            value={nature}
            onChange={(e) => setNature(e.currentTarget.value)}
            error={errors.nature}
          />
          {problem && <Alert color="red">{problem}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={pending}>
              Relier
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ActorsTable({ network, onEdit }: { network: ActorNetwork; onEdit?: (a: Actor) => void }) {
  return (
    <ScrollTable label="Acteurs" minWidth={720}>
      <Table striped data-testid="actors-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Acteur</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Ce qu’il apporte</Table.Th>
            <Table.Th ta="right">Contributions</Table.Th>
            <Table.Th ta="right">Valeur</Table.Th>
            <Table.Th ta="right">Heures</Table.Th>
            <Table.Th ta="right">Liens</Table.Th>
            {onEdit && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {network.nodes.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Text fw={500}>{a.name}</Text>
                {a.publicConsent && (
                  <Text size="xs" c="dimmed">
                    Nommé sur la page publique
                  </Text>
                )}
                {a.contact && (
                  <Text size="xs" c="dimmed">
                    {a.contact}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" tt="none" color={actorTypeColors[a.type as ActorType]}>
                  {actorTypeLabels[a.type as ActorType]}
                </Badge>
              </Table.Td>
              <Table.Td>{a.kinds.map((k) => contributionKindLabels[k as ContributionKind]).join(', ') || '—'}</Table.Td>
              <Table.Td ta="right">{formatCount(a.contributions)}</Table.Td>
              <Table.Td ta="right">
                {a.contributionsValueCents > 0 ? formatEuros(a.contributionsValueCents) : '—'}
              </Table.Td>
              <Table.Td ta="right">{a.contributionHours > 0 ? formatHours(a.contributionHours) : '—'}</Table.Td>
              <Table.Td ta="right">{a.links}</Table.Td>
              {onEdit && (
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => onEdit(a)}
                    aria-label={`Modifier ${a.name}`}
                  >
                    Modifier
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function Contributions({ id, canWrite }: { id: string; canWrite: boolean }) {
  const refresh = useRefresh(id);
  const remove = useMutation({
    mutationFn: async (contributionId: string) =>
      ensureOk(
        await api.DELETE('/api/pilots/{id}/contributions/{contributionId}', {
          params: { path: { id, contributionId } },
        }),
      ),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'teal', message: 'Contribution supprimée.' });
    },
    onError: (e) => notifications.show({ color: 'red', message: pilotProblemMessage(e) }),
  });
  const contributions = useQuery({
    queryKey: pilotKeys.contributions(id),
    queryFn: async () => unwrap(await api.GET('/api/pilots/{id}/contributions', { params: { path: { id } } })),
  });
  if (contributions.isPending) return <Loader aria-label="Chargement des contributions" />;
  if (contributions.isError) return <Alert color="red">{pilotProblemMessage(contributions.error)}</Alert>;
  const items = contributions.data.items;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          Contributions
        </Title>
        {items.length > 0 && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              component="a"
              href={`/api/pilots/${id}/contributions?format=csv`}
              download
            >
              Exporter en CSV
            </Button>
            <Button
              size="xs"
              variant="default"
              component="a"
              href={`/api/pilots/${id}/contributions?format=xlsx`}
              download
            >
              Exporter en XLSX
            </Button>
          </Group>
        )}
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Aucune contribution : notez ce que chaque acteur apporte (compétences, foncier, moyens humains, équipements,
          financement, activités), valorisé quand c’est possible.
        </Text>
      ) : (
        <ScrollTable label="Contributions" minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Année</Table.Th>
                <Table.Th>Acteur</Table.Th>
                <Table.Th>Nature</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th ta="right">Valeur</Table.Th>
                <Table.Th ta="right">Heures</Table.Th>
                {canWrite && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.year}</Table.Td>
                  <Table.Td>{c.actorName}</Table.Td>
                  <Table.Td>{contributionKindLabels[c.kind as ContributionKind]}</Table.Td>
                  <Table.Td>{c.description}</Table.Td>
                  <Table.Td ta="right">{c.valueCents !== null ? formatEuros(c.valueCents) : '—'}</Table.Td>
                  <Table.Td ta="right">{c.hours !== null ? formatHours(c.hours) : '—'}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => window.confirm('Supprimer cette contribution ?') && remove.mutate(c.id)}
                        aria-label={`Supprimer la contribution « ${c.description} »`}
                      >
                        Supprimer
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Paper>
  );
}

export function ActorsTab() {
  const { id, pilot, canWrite } = usePilot();
  const [view, setView] = useState('table');
  const [actorOpened, actorModal] = useDisclosure(false);
  const [contribOpened, contribModal] = useDisclosure(false);
  const [linkOpened, linkModal] = useDisclosure(false);
  const [editing, setEditing] = useState<Actor | null>(null);
  const network = useQuery({ queryKey: pilotKeys.network(id), queryFn: () => fetchNetwork(id) });
  if (network.isPending) return <Loader aria-label="Chargement des acteurs" />;
  if (network.isError)
    return <Alert color="red">{pilotProblemMessage(network.error, 'Impossible de charger les acteurs.')}</Alert>;
  const n = network.data;
  const currentYear = Math.max(1, pilot.data?.currentProjectYear ?? 1);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <SegmentedControl
          value={view}
          onChange={setView}
          data={[
            { value: 'table', label: 'Tableau' },
            { value: 'network', label: 'Réseau' },
          ]}
          aria-label="Affichage des acteurs"
        />
        {canWrite && (
          <Group gap="xs">
            <Button onClick={actorModal.open}>Ajouter un acteur</Button>
            <Button variant="light" onClick={contribModal.open} disabled={n.nodes.length === 0}>
              Ajouter une contribution
            </Button>
            <Button variant="light" onClick={linkModal.open} disabled={n.nodes.length < 2}>
              Relier deux acteurs
            </Button>
          </Group>
        )}
      </Group>

      {n.nodes.length === 0 ? (
        <Alert color="gray" title="Aucun acteur recensé">
          {canWrite
            ? 'Commencez par les acteurs déjà engagés : la mairie, l’école, les associations, les commerces, les collectifs d’habitants. Vous noterez ensuite ce que chacun apporte et qui travaille déjà avec qui.'
            : 'Les acteurs du territoire apparaîtront ici dès que la coordination les aura recensés.'}
        </Alert>
      ) : view === 'table' ? (
        <ActorsTable network={n} onEdit={canWrite ? setEditing : undefined} />
      ) : (
        <ActorNetworkGraph network={n} />
      )}

      {n.nodes.length > 0 && <Contributions id={id} canWrite={canWrite} />}

      {canWrite && (
        <>
          <ActorModal id={id} opened={actorOpened} onClose={actorModal.close} />
          {editing && <ActorModal key={editing.id} id={id} actor={editing} opened onClose={() => setEditing(null)} />}
          {n.nodes.length > 0 && (
            <ContributionModal
              id={id}
              network={n}
              opened={contribOpened}
              onClose={contribModal.close}
              currentYear={currentYear}
            />
          )}
          {n.nodes.length > 1 && <LinkModal id={id} network={n} opened={linkOpened} onClose={linkModal.close} />}
        </>
      )}
    </Stack>
  );
}

import { Alert, Badge, Button, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
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
import { usePilot } from './usePilot';
import { ActorModal, ContributionModal, LinkModal } from './ActorForms';
import { ScrollTable } from '../../components/ScrollTable';
import { queryKeys } from '../../api/queryKeys';

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.pilot.all(id) });
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
                {a.contact && (
                  <Text size="xs" c="dimmed">
                    {a.contact}
                  </Text>
                )}
                {a.publicConsent && (
                  <Text size="xs" c="dimmed">
                    Nommé sur la page publique
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

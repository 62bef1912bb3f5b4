import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { formatDate } from '../../i18n/format';
import { activityTypeLabels, policyLabels, type ActivityType, type Policy } from '../../i18n/labels';
import {
  activitiesExportUrl,
  pilotProblemMessage,
  formatCount,
  formatHours,
  formatKg,
  pilotKeys,
  unwrap,
  type ActivityFilters,
} from './pilotsApi';
import { usePilot } from './usePilot';
import { ActivityThumbnails } from './ActivityPhotos';
import { ScrollTable } from '../../components/ScrollTable';
import { QueuedActivities } from '../../offline/QueuedActivities';

const PAGE = 50;

export function ActivitiesTab() {
  const { id, canWrite } = usePilot();
  const [filters, setFilters] = useState<ActivityFilters>({});
  // The selects offer only the API's codes, so a chosen value is one of them.
  const set = (key: keyof ActivityFilters) => (value: string) =>
    setFilters((f) => ({ ...f, [key]: (value || undefined) as never }));
  const activities = useInfiniteQuery({
    queryKey: pilotKeys.activities(id, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/pilots/{id}/activities', {
          params: { path: { id }, query: { ...filters, limit: PAGE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = activities.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(filters).some(Boolean);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text fw={600}>Activités menées sur le terrain</Text>
        {canWrite && (
          <Button component={Link} to={`/pilotes/${id}/activites/nouvelle`}>
            Enregistrer une activité
          </Button>
        )}
      </Group>
      {canWrite && <QueuedActivities pilotId={id} />}
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <TextInput
            type="date"
            label="Du"
            value={filters.from ?? ''}
            onChange={(e) => set('from')(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label="Au"
            value={filters.to ?? ''}
            onChange={(e) => set('to')(e.currentTarget.value)}
          />
          <NativeSelect
            label="Politique publique"
            value={filters.policy ?? ''}
            onChange={(e) => set('policy')(e.currentTarget.value)}
            data={[
              { value: '', label: 'Toutes' },
              ...Object.entries(policyLabels).map(([value, label]) => ({ value, label })),
            ]}
          />
          <NativeSelect
            label="Type"
            value={filters.type ?? ''}
            onChange={(e) => set('type')(e.currentTarget.value)}
            data={[
              { value: '', label: 'Tous' },
              ...Object.entries(activityTypeLabels).map(([value, label]) => ({ value, label })),
            ]}
          />
        </SimpleGrid>
        <Group mt="sm" gap="xs">
          <Button size="xs" variant="default" component="a" href={activitiesExportUrl(id, filters, 'csv')} download>
            Exporter en CSV
          </Button>
          <Button size="xs" variant="default" component="a" href={activitiesExportUrl(id, filters, 'xlsx')} download>
            Exporter en XLSX
          </Button>
          {filtered && (
            <Button size="xs" variant="subtle" onClick={() => setFilters({})}>
              Effacer les filtres
            </Button>
          )}
        </Group>
      </Paper>

      {activities.isPending ? (
        <Loader aria-label="Chargement des activités" />
      ) : activities.isError ? (
        <Alert color="red">{pilotProblemMessage(activities.error, 'Impossible de charger les activités.')}</Alert>
      ) : items.length === 0 ? (
        <Alert color="gray" title={filtered ? 'Aucune activité pour ces filtres' : 'Aucune activité enregistrée'}>
          {filtered
            ? 'Élargissez la période ou effacez les filtres.'
            : canWrite
              ? 'Après un atelier, une collecte, un repair café ou une réunion, enregistrez-le en quelques secondes, même depuis votre téléphone : date, titre, type et nombre de participants suffisent.'
              : 'Les activités apparaîtront ici dès que la coordination les aura enregistrées.'}
        </Alert>
      ) : (
        <>
          <ScrollTable label="Activités" minWidth={760}>
            <Table striped highlightOnHover data-testid="activities-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Titre</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Politiques</Table.Th>
                  <Table.Th ta="right">Participants</Table.Th>
                  <Table.Th ta="right">Bénévolat</Table.Th>
                  <Table.Th ta="right">Détourné</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(a.date)}</Table.Td>
                    <Table.Td>
                      {canWrite ? (
                        <Anchor component={Link} to={`/pilotes/${id}/activites/${a.id}`}>
                          {a.title}
                        </Anchor>
                      ) : (
                        a.title
                      )}
                      <ActivityThumbnails photos={a.photos} title={a.title} />
                    </Table.Td>
                    <Table.Td>{activityTypeLabels[a.type as ActivityType] ?? a.type}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {a.policies.map((p) => (
                          <Badge key={p} size="xs" variant="light" tt="none">
                            {policyLabels[p as Policy] ?? p}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(a.participants)}</Table.Td>
                    <Table.Td ta="right">
                      {a.volunteers > 0 ? `${a.volunteers} · ${formatHours(a.volunteerHours)}` : '—'}
                    </Table.Td>
                    <Table.Td ta="right">{a.divertedKg.total > 0 ? formatKg(a.divertedKg.total) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          {activities.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void activities.fetchNextPage()}
              loading={activities.isFetchingNextPage}
            >
              Afficher plus
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}

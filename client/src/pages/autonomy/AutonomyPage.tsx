import { Alert, Anchor, Group, Loader, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { formatDate, formatNumber, formatPercent } from '../../i18n/format';
import { AutonomyCharts } from './AutonomyCharts';
import {
  autonomyKeys,
  fetchAutonomy,
  fetchCatalogue,
  fetchReferences,
  fetchWaste,
  formatIndicator,
  type IndicatorDefinition,
  type YearIndicators,
} from './autonomyApi';
import { MilestoneTimeline, NewMilestoneForm } from './MilestoneTimeline';
import { WasteSection } from './WasteSection';
import { queryKeys } from '../../api/queryKeys';

function IndicatorCard({
  def,
  current,
  previous,
}: {
  def: IndicatorDefinition;
  current: YearIndicators | undefined;
  previous: YearIndicators | undefined;
}) {
  const value = current?.values[def.key] ?? null;
  const before = previous?.values[def.key] ?? null;
  const delta = value !== null && before !== null ? value - before : null;
  const good = delta === null || delta === 0 ? null : delta > 0 === (def.better === 'higher');
  return (
    <Paper withBorder p="sm" title={def.computation}>
      <Text size="xs" c="dimmed">
        {def.label}
      </Text>
      <Text fw={700} size="xl">
        {formatIndicator(def.unit, value)}
      </Text>
      {delta !== null && delta !== 0 && (
        <Text size="xs" c={good ? 'green' : 'red'}>
          {delta > 0 ? '▲' : '▼'} {formatIndicator(def.unit, Math.abs(delta))} par rapport à l’année {previous?.year}
        </Text>
      )}
      {delta === 0 && (
        <Text size="xs" c="dimmed">
          = stable par rapport à l’année {previous?.year}
        </Text>
      )}
    </Paper>
  );
}

/** /pilotes/:id/autonomie — roadmap, indicators, charts, waste figures and their references. */
export function AutonomyPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const autonomy = useQuery({ queryKey: autonomyKeys.autonomy(id), queryFn: () => fetchAutonomy(id) });
  const waste = useQuery({ queryKey: autonomyKeys.waste(id), queryFn: () => fetchWaste(id) });
  const catalogue = useQuery({ queryKey: queryKeys.indicators, queryFn: fetchCatalogue, staleTime: Infinity });
  const references = useQuery({ queryKey: queryKeys.wasteReferences, queryFn: fetchReferences, staleTime: Infinity });

  if (autonomy.isPending) return <Loader aria-label="Chargement" />;
  if (autonomy.isError)
    return (
      <Alert color="red" title="Impossible d’afficher l’autonomie">
        {autonomy.error.message}
      </Alert>
    );

  const a = autonomy.data;
  const years = a.indicators.years;
  const started = years.filter((y) => y.status !== 'not_started');
  const current = started[started.length - 1];
  const previous = started[started.length - 2];
  const role = user?.role;
  const canUpdate = role === 'lead' || role === 'coordinator';
  const late = a.milestones.filter((m) => m.late).length;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Autonomie vers l’année 3</Title>
        <Anchor component={Link} to={`/pilotes/${id}`}>
          Retour au pilote
        </Anchor>
      </Group>
      {a.indicators.startDate ? (
        <Text c="dimmed">
          Démarrage le {formatDate(a.indicators.startDate)}, fin de l’accompagnement le{' '}
          {a.indicators.endDate ? formatDate(a.indicators.endDate) : '—'}
          {a.indicators.currentYear ? ` — année de projet en cours : ${a.indicators.currentYear}` : ''}.
        </Text>
      ) : (
        <Alert color="yellow">
          Le pilote n’a pas encore de date de démarrage : la feuille de route sera proposée dès qu’elle sera fixée.
        </Alert>
      )}
      {late > 0 && (
        <Alert color="red" title="Jalons en retard">
          {late} jalon{late > 1 ? 's' : ''} en retard : échéance passée sans être atteint.
        </Alert>
      )}

      <Tabs defaultValue="feuille-de-route" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="feuille-de-route">Feuille de route</Tabs.Tab>
          <Tabs.Tab value="indicateurs">Indicateurs</Tabs.Tab>
          <Tabs.Tab value="dechets">Déchets</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="feuille-de-route" pt="md">
          <Stack>
            <MilestoneTimeline
              milestones={a.milestones}
              endDate={a.indicators.endDate}
              today={a.indicators.today}
              catalogue={catalogue.data ?? []}
              pilotId={id}
              canUpdate={canUpdate}
            />
            {role === 'lead' && <NewMilestoneForm pilotId={id} catalogue={catalogue.data ?? []} />}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="indicateurs" pt="md">
          <Stack>
            <Text size="sm" c="dimmed">
              {current
                ? `Année de projet ${current.year} (${formatDate(current.from)} – ${formatDate(current.to)})`
                : 'Aucune année de projet commencée.'}{' '}
              Survolez une carte pour voir comment l’indicateur est calculé.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3, lg: 5 }}>
              {(catalogue.data ?? []).map((def) => (
                <IndicatorCard key={def.key} def={def} current={current} previous={previous} />
              ))}
            </SimpleGrid>
            <AutonomyCharts autonomy={a} waste={waste.data} references={references.data} />
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="dechets" pt="md">
          <Stack>
            {waste.data && <WasteSection pilotId={id} waste={waste.data} canEdit={canUpdate} />}
            {references.data && (
              <Paper withBorder p="md">
                <Title order={3} size="h5" mb="xs">
                  Valeurs de référence et leurs sources
                </Title>
                <Stack gap={4}>
                  {references.data.references.map((r) => (
                    <Text size="sm" key={r.key}>
                      <strong>{r.label}</strong> :{' '}
                      {r.unit === 'kg_per_inhabitant_per_year'
                        ? `${formatNumber(r.value)} kg/hab./an`
                        : formatPercent(r.value)}{' '}
                      ({r.year}) — source : {r.source}.
                    </Text>
                  ))}
                </Stack>
              </Paper>
            )}
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Paper,
  ScrollArea,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatEuros } from '../../i18n/format';
import {
  pilotProblemMessage,
  fetchOverview,
  formatCount,
  formatHours,
  formatKg,
  pilotKeys,
  type Figures,
  type Overview,
} from './pilotsApi';
import { usePilot } from './usePilot';
import { ActorTypeChart, ActorTypeChartData, ChartBox, MonthlyChart, MonthlyChartData } from './OverviewCharts';

function Figure({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={700} data-testid={testId}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

type Period = Overview['current'];
type PeriodChoice = { value: string; label: string; period: Period; title: string };

/**
 * The periods the key figures can show: preparation (before the start), each project year, after the
 * programme, the whole life. The current one is chosen first.
 */
function periodChoices(o: Overview): { choices: PeriodChoice[]; initial: string } {
  const range = (p: Period) => `du ${formatDate(p.from)} au ${formatDate(p.to)}`;
  const c = o.current;
  const choices: PeriodChoice[] = [];
  if (c.year === 0)
    choices.push({ value: 'current', label: 'Préparation', period: c, title: `Préparation — ${range(c)}` });
  for (const y of o.years)
    choices.push({
      value: String(y.year),
      label: `Année ${y.year}`,
      period: y,
      title: `Année ${y.year} du projet — ${range(y)}`,
    });
  const after = c.year !== null && c.year > o.years.length;
  if (after)
    choices.push({
      value: 'current',
      label: 'Après le programme',
      period: c,
      title: `Après les ${o.years.length} années du programme — depuis le ${formatDate(c.from)}`,
    });
  choices.push({
    value: 'total',
    label: 'Depuis le début',
    period: o.total,
    title: `Depuis le début — ${range(o.total)}`,
  });
  // After the programme the whole life says more than the (usually empty) time since it ended.
  const initial = c.year === null || after ? 'total' : c.year === 0 ? 'current' : String(c.year);
  return { choices, initial };
}

function KeyFigures({ f }: { f: Figures }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
      <Figure label="Activités" value={formatCount(f.activities)} testId="figure-activities" />
      <Figure label="Participants" value={formatCount(f.participants)} testId="figure-participants" />
      <Figure
        label="Heures de bénévolat"
        value={formatHours(f.volunteerHours)}
        detail={`${formatCount(f.volunteers)} bénévoles mobilisés`}
        testId="figure-volunteer-hours"
      />
      <Figure
        label="Acteurs actifs"
        value={formatCount(f.activeActors)}
        detail={`${formatCount(f.contributions)} contributions`}
        testId="figure-active-actors"
      />
      <Figure label="Déchets détournés" value={formatKg(f.divertedKg.total)} testId="figure-diverted" />
    </SimpleGrid>
  );
}

/** What to do first, while the pilot is still empty. */
function FirstSteps({ o, id, canWrite, hasStart }: { o: Overview; id: string; canWrite: boolean; hasStart: boolean }) {
  const steps: { text: string; to?: string; action?: string }[] = [];
  if (!hasStart)
    steps.push({
      text: 'La date de démarrage de la convention n’est pas encore fixée : elle fait commencer l’année 1 du projet.',
      to: 'territoire',
      action: 'Voir le territoire',
    });
  if (o.counts.actors === 0)
    steps.push({
      text: 'Recensez les acteurs du territoire (publics, privés, associatifs, collectifs citoyens) et ce qu’ils apportent.',
      to: 'acteurs',
      action: 'Ajouter un acteur',
    });
  if (o.counts.activities === 0)
    steps.push({
      text: 'Enregistrez la première activité menée sur le terrain : une réunion de lancement compte aussi.',
      to: 'activites/nouvelle',
      action: 'Enregistrer une activité',
    });
  if (steps.length === 0) return null;
  return (
    <Alert color="teal" title="Pour commencer" data-testid="first-steps">
      <Stack gap="xs">
        {steps.map((s) => (
          <Group key={s.text} justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" style={{ flex: 1, minWidth: 200 }}>
              {s.text}
            </Text>
            {s.to && canWrite && (
              <Button size="xs" variant="light" component={Link} to={`/pilotes/${id}/${s.to}`}>
                {s.action}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}

function YearsTimeline({ o }: { o: Overview }) {
  if (o.years.length === 0) {
    return (
      <Text size="sm">Les années du projet apparaîtront dès que la date de démarrage de la convention sera fixée.</Text>
    );
  }
  const active = o.years.filter((y) => y.from <= o.today).length - 1;
  return (
    <Timeline active={active} bulletSize={22} lineWidth={2}>
      {o.years.map((y) => (
        <Timeline.Item key={y.year} title={`Année ${y.year} — ${formatDate(y.from)} au ${formatDate(y.to)}`}>
          <Text size="sm" c={y.from > o.today ? 'dimmed' : undefined}>
            {y.from > o.today
              ? 'À venir'
              : `${formatCount(y.figures.activities)} activités · ${formatCount(y.figures.participants)} participants · ${formatHours(y.figures.volunteerHours)} de bénévolat · ${formatCount(y.figures.activeActors)} acteurs actifs · ${formatKg(y.figures.divertedKg.total)} détournés`}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export function OverviewTab() {
  const { id, pilot, canWrite } = usePilot();
  const overview = useQuery({ queryKey: pilotKeys.overview(id), queryFn: () => fetchOverview(id) });
  const [chosen, setChosen] = useState<string | null>(null);
  if (overview.isPending) return <Loader aria-label="Chargement de la vue d’ensemble" />;
  if (overview.isError)
    return <Alert color="red">{pilotProblemMessage(overview.error, 'Impossible de charger la vue d’ensemble.')}</Alert>;
  const o = overview.data;
  const hasData = o.total.figures.activities > 0;
  const { choices, initial } = periodChoices(o);
  const selected = choices.find((c) => c.value === (chosen ?? initial)) ?? choices[choices.length - 1]!;
  return (
    <Stack gap="lg">
      <FirstSteps o={o} id={id} canWrite={canWrite} hasStart={!!pilot.data?.startDate} />
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h4" data-testid="period-title">
            {selected.title}
          </Title>
          {canWrite && (
            <Button component={Link} to={`/pilotes/${id}/activites/nouvelle`} size="sm">
              Enregistrer une activité
            </Button>
          )}
        </Group>
        {choices.length > 1 && (
          <ScrollArea type="never">
            <SegmentedControl
              size="xs"
              value={selected.value}
              onChange={setChosen}
              data={choices.map(({ value, label }) => ({ value, label }))}
              aria-label="Période des chiffres clés"
            />
          </ScrollArea>
        )}
        <KeyFigures f={selected.period.figures} />
        {selected.period.figures.contributionsValueCents > 0 && (
          <Text size="sm" c="dimmed">
            Contributions valorisées sur la période : {formatEuros(selected.period.figures.contributionsValueCents)}
          </Text>
        )}
      </Stack>

      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">
          Les années du projet
        </Title>
        <YearsTimeline o={o} />
      </Paper>

      {hasData ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md">
            <Title order={3} size="h5" mb="xs">
              Activités par mois et par politique publique
            </Title>
            <ChartBox>
              <MonthlyChart o={o} measure="activities" />
            </ChartBox>
            <MonthlyChartData o={o} measure="activities" />
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} size="h5" mb="xs">
              Participants par mois et par politique publique
            </Title>
            <ChartBox>
              <MonthlyChart o={o} measure="participants" />
            </ChartBox>
            <MonthlyChartData o={o} measure="participants" />
          </Paper>
        </SimpleGrid>
      ) : (
        <Text size="sm" c="dimmed">
          Les graphiques apparaîtront avec la première activité enregistrée.
        </Text>
      )}

      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          Contributions par type d’acteur
        </Title>
        {o.counts.contributions > 0 ? (
          <>
            <ChartBox>
              <ActorTypeChart o={o} />
            </ChartBox>
            <ActorTypeChartData o={o} />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Aucune contribution enregistrée.{' '}
            {/* Underlined: inside dimmed text a colour alone does not tell the link apart. */}
            <Anchor component={Link} to={`/pilotes/${id}/acteurs`} underline="always">
              Notez ce que chaque acteur apporte
            </Anchor>{' '}
            (compétences, foncier, moyens humains, équipements, financement, activités).
          </Text>
        )}
      </Paper>

      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          Le réseau d’acteurs
        </Title>
        <Text size="sm">
          {formatCount(o.counts.actors)} acteurs · {formatCount(o.counts.contributions)} contributions ·{' '}
          {formatCount(o.counts.links)} liens entre acteurs —{' '}
          <Anchor component={Link} to={`/pilotes/${id}/acteurs`} underline="always">
            voir les acteurs
          </Anchor>
        </Text>
      </Paper>
    </Stack>
  );
}

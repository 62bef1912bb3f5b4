import { Anchor, Badge, Card, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate, formatEuros, formatPercent } from '../../i18n/format';
import { pilotStageLabels, pilotStatusLabels, type PilotStatus } from '../../i18n/labels';
import { lazyPage, PageSuspense } from '../../lazyPage';
import { countdown, type Home, phaseLabels, type PilotSummary, projectYearLabel } from './homeApi';
import { ScrollTable } from '../../components/ScrollTable';

type LeadView = NonNullable<Home['lead']>;

// Chart.js arrives with the chart, after the table.
const ComparisonChart = lazyPage(() => import('./ComparisonChart'), 'ComparisonChart');

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function FundCell({ b }: { b: PilotSummary['funding']['investment'] }) {
  return (
    <Stack gap={0}>
      <Text size="xs">Dotation {formatEuros(b.entitledCents)}</Text>
      <Text size="xs">Versé {formatEuros(b.disbursedCents)}</Text>
      <Text size="xs">Dépensé {formatEuros(b.spentCents)}</Text>
    </Stack>
  );
}

function AutonomyCell({ p }: { p: PilotSummary }) {
  if (p.autonomy.length === 0) return <Text size="xs">—</Text>;
  return (
    <Stack gap={0}>
      {p.autonomy.map((y) => (
        <Text size="xs" key={y.year} c={y.targetMet === false ? 'red' : y.targetMet ? 'green' : undefined}>
          A{y.year} : {y.ratio === null ? '—' : formatPercent(y.ratio)}
          {y.target ? ` (cible ${y.target.operator === 'gte' ? '≥' : '≤'} ${formatPercent(y.target.value)})` : ''}
        </Text>
      ))}
    </Stack>
  );
}

function StatusCell({ p }: { p: PilotSummary }) {
  return (
    <>
      {/* The label wraps rather than being cut to « En … ». */}
      <Badge variant="light" tt="none" h="auto" styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}>
        {pilotStageLabels[p.stage]}
      </Badge>
      <Text size="xs">{projectYearLabel(p)}</Text>
    </>
  );
}

function AlertsCell({ p }: { p: PilotSummary }) {
  return (
    <Stack gap={2}>
      {p.lateMilestones.length > 0 && (
        <Anchor component={Link} to={`/pilotes/${p.id}/autonomie`} size="xs" c="red">
          {p.lateMilestones.length} jalon{p.lateMilestones.length > 1 ? 's' : ''} en retard
        </Anchor>
      )}
      {p.instalmentsDue.map((i) => (
        <Anchor
          key={`${i.fund}-${i.year}`}
          component={Link}
          to={`/pilotes/${p.id}/financement`}
          size="xs"
          c={i.status === 'overdue' ? 'red' : 'orange'}
        >
          {i.fund === 'investment' ? 'Investissement' : 'Fonctionnement'} A{i.year} : {formatEuros(i.remainingCents)}
          {i.status === 'overdue' ? ' (en retard)' : ' (à verser)'}
        </Anchor>
      ))}
      {p.lateMilestones.length === 0 && p.instalmentsDue.length === 0 && <Text size="xs">—</Text>}
    </Stack>
  );
}

function ThisYearCell({ p }: { p: PilotSummary }) {
  return (
    <>
      <Text size="xs">
        {p.thisYear.activities} activité{p.thisYear.activities > 1 ? 's' : ''}
      </Text>
      <Text size="xs">{p.thisYear.participants} participants</Text>
    </>
  );
}

function LastActivityCell({ p }: { p: PilotSummary }) {
  return p.lastActivity ? (
    <Text size="xs">
      {formatDate(p.lastActivity.date)} — {p.lastActivity.title}
    </Text>
  ) : (
    <Text size="xs">—</Text>
  );
}

/** On a phone each pilot is a card carrying the table's columns as labelled lines. */
function PilotCardItem({ p }: { p: PilotSummary }) {
  const line = (label: string, content: ReactNode) => (
    <div>
      <Text size="xs" fw={700}>
        {label}
      </Text>
      {content}
    </div>
  );
  return (
    <Paper component="li" withBorder p="sm" data-testid="pilot-card">
      <Anchor component={Link} to={`/pilotes/${p.id}`} fw={600}>
        {p.name}
      </Anchor>
      <Text size="xs" c="dimmed" mb="xs">
        {p.waveYear ? `Vague ${p.waveYear} · ` : ''}
        {p.inhabitants.toLocaleString('fr-FR')} habitants
      </Text>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
        {line('Statut', <StatusCell p={p} />)}
        {line('Alertes', <AlertsCell p={p} />)}
        {line("Fonds d'investissement", <FundCell b={p.funding.investment} />)}
        {line('Fonds de fonctionnement', <FundCell b={p.funding.operating} />)}
        {line('Autonomie', <AutonomyCell p={p} />)}
        {line('Cette année', <ThisYearCell p={p} />)}
      </SimpleGrid>
      {line('Dernière activité', <LastActivityCell p={p} />)}
    </Paper>
  );
}

/** The programme at a glance: totals, calls in progress, every pilot (filtered by wave and status), one comparison chart. */
export function LeadHome({ view }: { view: LeadView }) {
  const [wave, setWave] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const pilots = useMemo(
    () =>
      view.pilots.filter(
        (p) => (wave === null || String(p.waveYear) === wave) && (status === null || p.status === status),
      ),
    [view.pilots, wave, status],
  );
  const t = view.totals;
  const inBilan = view.pilots.filter((p) => p.stage === 'bilan');
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  return (
    <Stack gap="lg">
      <section aria-labelledby="programme-title">
        <Title order={3} id="programme-title" mb="xs">
          Le programme
        </Title>
        <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }}>
          <Figure label="Projets pilotes" value={String(t.pilots)} testId="total-pilots" />
          <Figure
            label="Habitants concernés"
            value={t.inhabitants.toLocaleString('fr-FR')}
            testId="total-inhabitants"
          />
          <Figure label="Montant engagé" value={formatEuros(t.entitledCents)} testId="total-committed" />
          <Figure label="Montant versé" value={formatEuros(t.disbursedCents)} testId="total-paid" />
          <Figure label="Jalons en retard" value={String(t.lateMilestones)} testId="total-late" />
          <Figure label="Versements attendus" value={String(t.instalmentsDue)} testId="total-due" />
        </SimpleGrid>
      </section>

      {inBilan.length > 0 && (
        <Card withBorder component="section" aria-labelledby="bilan-title" data-testid="pilots-in-bilan">
          <Title order={3} size="h4" id="bilan-title" mb="xs">
            Programmes terminés : bilan à faire
          </Title>
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {inBilan.map((p) => (
              <li key={p.id}>
                <Anchor component={Link} to={`/pilotes/${p.id}`} size="sm">
                  {p.name}
                </Anchor>
                <Text span size="sm">
                  {' '}
                  — les {p.operatingYears} années sont achevées : rapport final et décision de clôture (autonome ou
                  terminé).
                </Text>
              </li>
            ))}
          </Stack>
        </Card>
      )}

      {view.calls.length > 0 && (
        <Card withBorder component="section" aria-labelledby="calls-title">
          <Title order={3} size="h4" id="calls-title" mb="xs">
            Appels en cours
          </Title>
          <ScrollTable label="Appels en cours" minWidth={720}>
            <Table data-testid="calls-in-progress">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Appel</Table.Th>
                  <Table.Th>Phase</Table.Th>
                  <Table.Th>Échéance</Table.Th>
                  <Table.Th>Candidatures</Table.Th>
                  <Table.Th>Évaluations</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.calls.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/appels/${c.id}`}>
                        {c.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{phaseLabels[c.phase]}</Table.Td>
                    <Table.Td>{c.deadline ? `${formatDate(c.deadline)} — ${countdown(c.daysLeft)}` : '—'}</Table.Td>
                    <Table.Td>
                      {c.candidatures} ({c.undecided} à décider)
                    </Table.Td>
                    <Table.Td>
                      {c.evaluations} ({c.evaluatedCandidatures}/{c.candidatures} candidatures évaluées)
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Card>
      )}

      <Card withBorder component="section" aria-labelledby="pilots-title">
        <Group justify="space-between" align="end" mb="sm">
          <Title order={3} size="h4" id="pilots-title">
            Projets pilotes
          </Title>
          <Group gap="sm" wrap="wrap">
            <Select
              label="Vague"
              placeholder="Toutes"
              clearable
              value={wave}
              onChange={setWave}
              data={view.waves.map((w) => ({ value: String(w), label: `Vague ${w}` }))}
              w={{ base: 140, sm: 150 }}
            />
            <Select
              label="Statut"
              placeholder="Tous"
              clearable
              value={status}
              onChange={setStatus}
              data={(Object.keys(pilotStatusLabels) as PilotStatus[]).map((s) => ({
                value: s,
                label: pilotStatusLabels[s],
              }))}
              w={{ base: 160, sm: 170 }}
            />
          </Group>
        </Group>
        {pilots.length === 0 ? (
          <Text c="dimmed">Aucun projet pilote ne correspond à ces filtres.</Text>
        ) : (
          <>
            {phone ? (
              <Stack
                gap="sm"
                component="ul"
                style={{ listStyle: 'none', padding: 0, margin: 0 }}
                data-testid="pilots-cards"
              >
                {pilots.map((p) => (
                  <PilotCardItem key={p.id} p={p} />
                ))}
              </Stack>
            ) : (
              <ScrollTable label="Projets pilotes" minWidth={1060}>
                <Table striped data-testid="pilots-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Projet pilote</Table.Th>
                      <Table.Th>Statut</Table.Th>
                      <Table.Th>Fonds d'investissement</Table.Th>
                      <Table.Th>Fonds de fonctionnement</Table.Th>
                      <Table.Th>Autonomie</Table.Th>
                      <Table.Th>Alertes</Table.Th>
                      <Table.Th>Cette année</Table.Th>
                      <Table.Th>Dernière activité</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {pilots.map((p) => (
                      <Table.Tr key={p.id} data-testid="pilot-row">
                        <Table.Td>
                          <Anchor component={Link} to={`/pilotes/${p.id}`} fw={600}>
                            {p.name}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {p.waveYear ? `Vague ${p.waveYear} · ` : ''}
                            {p.inhabitants.toLocaleString('fr-FR')} habitants
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <StatusCell p={p} />
                        </Table.Td>
                        <Table.Td>
                          <FundCell b={p.funding.investment} />
                        </Table.Td>
                        <Table.Td>
                          <FundCell b={p.funding.operating} />
                        </Table.Td>
                        <Table.Td>
                          <AutonomyCell p={p} />
                        </Table.Td>
                        <Table.Td>
                          <AlertsCell p={p} />
                        </Table.Td>
                        <Table.Td>
                          <ThisYearCell p={p} />
                        </Table.Td>
                        <Table.Td>
                          <LastActivityCell p={p} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
            <Title order={4} size="h5" mt="md" mb="xs">
              Comparaison des projets pilotes
            </Title>
            <PageSuspense>
              <ComparisonChart pilots={pilots} />
            </PageSuspense>
          </>
        )}
      </Card>
    </Stack>
  );
}

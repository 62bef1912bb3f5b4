import { Anchor, Badge, Card, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatEuros, formatPercent } from '../../i18n/format';
import { pilotStatusLabels, type PilotStatus } from '../../i18n/labels';
import { ComparisonChart } from './ComparisonChart';
import { countdown, type Home, phaseLabels, type PilotSummary, projectYearLabel } from './homeApi';

type LeadView = NonNullable<Home['lead']>;

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

/** The programme at a glance: totals, calls in progress, every pilot (filtered by wave and status), one comparison chart. */
export function LeadHome({ view }: { view: LeadView }) {
  const [wave, setWave] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const pilots = useMemo(
    () => view.pilots.filter((p) => (wave === null || String(p.waveYear) === wave) && (status === null || p.status === status)),
    [view.pilots, wave, status],
  );
  const t = view.totals;
  return (
    <Stack gap="lg">
      <section aria-labelledby="programme-title">
        <Title order={3} id="programme-title" mb="xs">
          Le programme
        </Title>
        <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }}>
          <Figure label="Projets pilotes" value={String(t.pilots)} testId="total-pilots" />
          <Figure label="Habitants concernés" value={t.inhabitants.toLocaleString('fr-FR')} testId="total-inhabitants" />
          <Figure label="Montant engagé" value={formatEuros(t.entitledCents)} testId="total-committed" />
          <Figure label="Montant versé" value={formatEuros(t.disbursedCents)} testId="total-paid" />
          <Figure label="Jalons en retard" value={String(t.lateMilestones)} testId="total-late" />
          <Figure label="Versements attendus" value={String(t.instalmentsDue)} testId="total-due" />
        </SimpleGrid>
      </section>

      {view.calls.length > 0 && (
        <Card withBorder component="section" aria-labelledby="calls-title">
          <Title order={3} size="h4" id="calls-title" mb="xs">
            Appels en cours
          </Title>
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
        </Card>
      )}

      <Card withBorder component="section" aria-labelledby="pilots-title">
        <Group justify="space-between" align="end" mb="sm">
          <Title order={3} size="h4" id="pilots-title">
            Projets pilotes
          </Title>
          <Group gap="sm">
            <Select
              label="Vague"
              placeholder="Toutes"
              clearable
              value={wave}
              onChange={setWave}
              data={view.waves.map((w) => ({ value: String(w), label: `Vague ${w}` }))}
              w={150}
            />
            <Select
              label="Statut"
              placeholder="Tous"
              clearable
              value={status}
              onChange={setStatus}
              data={(Object.keys(pilotStatusLabels) as PilotStatus[]).map((s) => ({ value: s, label: pilotStatusLabels[s] }))}
              w={170}
            />
          </Group>
        </Group>
        {pilots.length === 0 ? (
          <Text c="dimmed">Aucun projet pilote ne correspond à ces filtres.</Text>
        ) : (
          <>
            <Table.ScrollContainer minWidth={1100}>
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
                        <Badge variant="light" tt="none" style={{ flexShrink: 0, overflow: 'visible' }}>
                          {pilotStatusLabels[p.status]}
                        </Badge>
                        <Text size="xs">{projectYearLabel(p.projectYear)}</Text>
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
                        <Stack gap={2}>
                          {p.lateMilestones.length > 0 && (
                            <Anchor component={Link} to={`/pilotes/${p.id}/autonomie`} size="xs" c="red">
                              {p.lateMilestones.length} jalon{p.lateMilestones.length > 1 ? 's' : ''} en retard
                            </Anchor>
                          )}
                          {p.instalmentsDue.map((i) => (
                            <Anchor key={`${i.fund}-${i.year}`} component={Link} to={`/pilotes/${p.id}/financement`} size="xs" c={i.status === 'overdue' ? 'red' : 'orange'}>
                              {i.fund === 'investment' ? 'Investissement' : 'Fonctionnement'} A{i.year} : {formatEuros(i.remainingCents)}
                              {i.status === 'overdue' ? ' (en retard)' : ' (à verser)'}
                            </Anchor>
                          ))}
                          {p.lateMilestones.length === 0 && p.instalmentsDue.length === 0 && <Text size="xs">—</Text>}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">
                          {p.thisYear.activities} activité{p.thisYear.activities > 1 ? 's' : ''}
                        </Text>
                        <Text size="xs">{p.thisYear.participants} participants</Text>
                      </Table.Td>
                      <Table.Td>
                        {p.lastActivity ? (
                          <Text size="xs">
                            {formatDate(p.lastActivity.date)} — {p.lastActivity.title}
                          </Text>
                        ) : (
                          <Text size="xs">—</Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Title order={4} size="h5" mt="md" mb="xs">
              Comparaison des projets pilotes
            </Title>
            <ComparisonChart pilots={pilots} />
          </>
        )}
      </Card>
    </Stack>
  );
}

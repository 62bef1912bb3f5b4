import {
  Anchor,
  Button,
  Card,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatEuros } from '../../i18n/format';
import { pilotStageLabels } from '../../i18n/labels';
import { lazyPage, PageSuspense } from '../../lazyPage';
import {
  AlertsCell,
  AutonomyCell,
  FundCell,
  LastActivityCell,
  PilotCardItem,
  StatusCell,
  ThisYearCell,
} from './LeadPilotCells';
import { countdown, type Home, type LeadQuery, phaseLabels } from './homeApi';
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

type Stage = keyof typeof pilotStageLabels;

/** « Pilotes 26–50 sur 101 » and the previous / next buttons: the server pages, the table shows one page. */
function Pager({ view, onPage }: { view: LeadView; onPage: (page: number) => void }) {
  const { page, pageSize, total } = view.page;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="sm" gap="xs" component="nav" aria-label="Pages des projets pilotes">
      <Text size="sm" aria-live="polite" data-testid="pilots-range">
        Pilotes {first}–{last} sur {total}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Précédent
        </Button>
        <Button variant="default" size="xs" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          Suivant
        </Button>
      </Group>
    </Group>
  );
}

/**
 * The programme at a glance: totals over every pilot, calls in progress, one page of pilots (filtered by wave, stage
 * and a name or commune, all on the server), one comparison chart of the page.
 */
export function LeadHome({
  view,
  query,
  onQuery,
}: {
  view: LeadView;
  query: LeadQuery;
  onQuery: (query: LeadQuery) => void;
}) {
  const [text, setText] = useState(query.q ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  // The search goes to the server from 2 characters on (its minimum); fewer clears it. Back to the first page.
  const q = debounced.length >= 2 ? debounced : undefined;
  useEffect(() => {
    if (q !== query.q) onQuery({ ...query, q, page: 1 });
  }, [q, query, onQuery]);
  const filter = (change: LeadQuery) => onQuery({ ...query, ...change, page: 1 });
  const pilots = view.pilots;
  const t = view.totals;
  const inBilan = view.inBilan;
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
          {t.byStage.bilan > inBilan.length && (
            <Button variant="subtle" size="xs" mt="xs" onClick={() => filter({ stage: 'bilan' })}>
              Voir les {t.byStage.bilan} projets pilotes en bilan
            </Button>
          )}
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
            <TextInput
              label="Nom ou commune"
              placeholder="Rechercher"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              maxLength={100}
              w={{ base: '100%', sm: 200 }}
              data-testid="pilots-search"
            />
            <Select
              label="Vague"
              placeholder="Toutes"
              clearable
              value={query.waveYear === undefined ? null : String(query.waveYear)}
              onChange={(v) => filter({ waveYear: v === null ? undefined : Number(v) })}
              data={view.waves.map((w) => ({ value: String(w), label: `Vague ${w}` }))}
              w={{ base: 140, sm: 150 }}
            />
            <Select
              label="Statut"
              placeholder="Tous"
              clearable
              value={query.stage ?? null}
              onChange={(v) => filter({ stage: (v ?? undefined) as Stage | undefined })}
              data={(Object.keys(pilotStageLabels) as Stage[]).map((s) => ({
                value: s,
                label: pilotStageLabels[s],
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
            <Pager view={view} onPage={(page) => onQuery({ ...query, page })} />
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

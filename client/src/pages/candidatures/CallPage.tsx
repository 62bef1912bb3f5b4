import { Alert, Anchor, Button, Code, Collapse, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useAuth } from '../../auth/AuthProvider';
import { formatDate, formatEuros } from '../../i18n/format';
import { participationLevelLabels, policyLabels } from '../../i18n/labels';
import { IntentionForm } from './IntentionForm';
import { CallScoringSettings } from './CallScoringSettings';
import { CallStatusBadge, communeNames, EligibilityBadge, formatScore, StatusBadge } from './shared';
import type { Candidature, Ranking } from './types';

type RankingItem = Ranking['items'][number];
import { ScrollTable } from '../../components/ScrollTable';
import { queryKeys } from '../../api/queryKeys';

/** Letter fields shown side by side, one column per candidature. */
const ANSWERS: [string, (c: Candidature) => string][] = [
  ['Habitants', (c) => c.inhabitants.toLocaleString('fr-FR')],
  ['Spécificités', (c) => c.intention.specifics],
  ['Valeurs et engagements', (c) => c.intention.values],
  ['Enjeux / politiques prioritaires', (c) => c.intention.stakes],
  ['Ma commune Zero Waste', (c) => (c.intention.zeroWasteCommune ? 'Oui' : 'Non')],
  ['Politiques hybridées', (c) => c.engagement?.hybridPolicies.map((p) => policyLabels[p]).join(', ') ?? '—'],
  ['Idée de projet', (c) => c.engagement?.description ?? '—'],
  ['Articulation avec la réduction des déchets', (c) => c.engagement?.articulation ?? '—'],
  ['Acteurs', (c) => c.engagement?.actors.map((a) => a.name).join(', ') ?? '—'],
  ['Implication citoyenne', (c) => (c.engagement ? participationLevelLabels[c.engagement.citizenInvolvement] : '—')],
  ['Lieu', (c) => [c.engagement?.district, c.engagement?.place].filter(Boolean).join(' — ') || '—'],
  ['Coordination', (c) => c.engagement?.coordinator || '—'],
  ['Engagement de la commune', (c) => c.engagement?.communeCommitment || '—'],
  ['Freins / risques', (c) => c.engagement?.risks || '—'],
];

/** /appels/:id — the call, its ranking, the answers side by side, exports. */
export function CallPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const [entering, { toggle }] = useDisclosure(false);
  const [entered, setEntered] = useState<string | null>(null);
  const call = useQuery({
    queryKey: queryKeys.calls.one(id),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/calls/{id}', { params: { path: { id } } });
      if (error) throw new Error(problemMessage(error));
      return data;
    },
  });
  const ranking = useQuery({
    queryKey: queryKeys.calls.ranking(id),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/calls/{id}/ranking', { params: { path: { id } } });
      if (error) throw new Error(problemMessage(error));
      return data;
    },
  });
  const candidatures = useQuery({
    queryKey: queryKeys.calls.candidatures(id),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/calls/{id}/candidatures', {
        params: { path: { id }, query: { limit: 500 } },
      });
      if (error) throw new Error(problemMessage(error));
      return data.items as Candidature[];
    },
  });

  if (call.isError) return <Alert color="red">{call.error.message}</Alert>;
  if (!call.data) return <Text>Chargement…</Text>;
  const c = call.data;
  const members = new Map((ranking.data?.members ?? []).map((m) => [m.memberId, m.memberName]));
  const publicLink = `${window.location.origin}/candidater/${c.id}`;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to="/appels" size="sm">
          ← Appels
        </Anchor>
        <Group gap="sm">
          <Title order={2}>{c.title}</Title>
          <CallStatusBadge status={c.status} />
        </Group>
        <Text>
          Vague {c.waveYear} · lettre d'intention jusqu'au {formatDate(c.intentionDeadline)} · lettre d'engagement
          jusqu'au {formatDate(c.engagementDeadline)}
        </Text>
        <Text size="sm" c="dimmed">
          Territoires de {c.minInhabitants} à {c.maxInhabitants} habitants ·{' '}
          {formatEuros(c.investmentPerInhabitantCents)} d'investissement et{' '}
          {formatEuros(c.operatingPerInhabitantPerYearCents)} de fonctionnement par habitant et par an, sur{' '}
          {c.operatingYears} ans
        </Text>
        <Text size="sm">
          Formulaire public de candidature : <Code>{publicLink}</Code>
        </Text>
        {user?.role === 'lead' && (
          <Anchor component={Link} to={`/appels/${c.id}/rapports`} size="sm">
            Rapports de la vague (tous les projets pilotes de l'appel) →
          </Anchor>
        )}
      </Stack>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3}>Classement</Title>
            <Group gap="xs">
              <Button
                component="a"
                variant="light"
                size="xs"
                href={`/api/calls/${c.id}/candidatures?format=csv`}
                download
              >
                Exporter les candidatures (CSV)
              </Button>
              <Button
                component="a"
                variant="light"
                size="xs"
                href={`/api/calls/${c.id}/candidatures?format=xlsx`}
                download
              >
                Exporter les candidatures (XLSX)
              </Button>
              <Button
                component="a"
                variant="light"
                size="xs"
                href={`/api/calls/${c.id}/evaluations?format=xlsx`}
                download
              >
                Exporter les notes (XLSX)
              </Button>
            </Group>
          </Group>
          {ranking.data && ranking.data.items.length === 0 && <Text>Aucune candidature pour l'instant.</Text>}
          {ranking.data && ranking.data.items.length > 0 && (
            <ScrollTable label="Classement des candidatures" minWidth={720}>
              <Table striped aria-label="Classement des candidatures">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Rang</Table.Th>
                    <Table.Th>Commune(s)</Table.Th>
                    <Table.Th>Habitants</Table.Th>
                    <Table.Th>Éligibilité</Table.Th>
                    <Table.Th>Moyenne /5</Table.Th>
                    <Table.Th>Écart</Table.Th>
                    <Table.Th>Notes</Table.Th>
                    <Table.Th>Membres</Table.Th>
                    <Table.Th>Statut</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ranking.data.items.map((r) => (
                    <Table.Tr key={r.candidatureId}>
                      <Table.Td>{r.rank}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/candidatures/${r.candidatureId}`}>
                          {communeNames(r.communes)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{r.inhabitants.toLocaleString('fr-FR')}</Table.Td>
                      <Table.Td>
                        <EligibilityBadge eligibility={r.eligibility} />
                      </Table.Td>
                      <Table.Td>{r.scoresHidden ? 'Après votre note' : formatScore(r.averageScore)}</Table.Td>
                      <Table.Td>{r.spread === null ? '—' : formatScore(r.spread)}</Table.Td>
                      <Table.Td aria-label={`${r.evaluationCount} membres sur ${r.committeeSize} ont noté`}>
                        {r.evaluationCount}/{r.committeeSize}
                      </Table.Td>
                      <Table.Td>
                        <MemberStates item={r} members={members} />
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={r.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Stack>
      </Paper>

      {user?.role === 'lead' && <CallScoringSettings call={c} />}

      {candidatures.data && candidatures.data.length > 0 && (
        <Paper withBorder p="md">
          <Title order={3} mb="sm">
            Réponses côte à côte
          </Title>
          <ScrollTable
            label="Réponses des candidatures côte à côte"
            minWidth={Math.max(600, 260 * candidatures.data.length)}
          >
            <Table withColumnBorders verticalSpacing="xs" aria-label="Réponses des candidatures côte à côte">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Question</Table.Th>
                  {candidatures.data.map((k) => (
                    <Table.Th key={k.id} scope="col">
                      {communeNames(k.communes)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ANSWERS.map(([label, get]) => (
                  <Table.Tr key={label}>
                    <Table.Th scope="row">{label}</Table.Th>
                    {candidatures.data.map((k) => (
                      <Table.Td key={k.id} style={{ whiteSpace: 'pre-wrap', verticalAlign: 'top' }}>
                        {get(k) || '—'}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Paper>
      )}

      {user?.role === 'lead' && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Button variant="light" onClick={toggle} aria-expanded={entering} style={{ alignSelf: 'flex-start' }}>
              Saisir une candidature reçue par courriel
            </Button>
            {entered && (
              <Alert color="green" role="status" title="Candidature enregistrée">
                Lien privé à transmettre à la commune pour sa lettre d'engagement (affiché une seule fois) :{' '}
                <Code>{entered}</Code>
              </Alert>
            )}
            <Collapse expanded={entering}>
              <IntentionForm
                submitLabel="Enregistrer la candidature"
                onSubmit={async (body) => {
                  const { data, error } = await api.POST('/api/calls/{id}/candidatures', {
                    params: { path: { id } },
                    body,
                  });
                  if (error || !data) return error ?? {};
                  setEntered(`${window.location.origin}/candidater/suite/${data.editToken}`);
                  await queryClient.invalidateQueries({ queryKey: queryKeys.calls.one(id) });
                  return null;
                }}
              />
            </Collapse>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

const MEMBER_STATE_LABELS = { scored: 'a noté', recused: 'récusé', pending: 'à noter' } as const;

/** Each member's state for one candidature: their mean once visible, « récusé », or still to score. */
function MemberStates({ item, members }: { item: RankingItem; members: Map<string, string> }) {
  if (item.members.length === 0) return <>—</>;
  return (
    <List size="xs" listStyleType="none" spacing={0}>
      {item.members.map((m) => (
        <List.Item key={m.memberId}>
          {members.get(m.memberId) ?? '—'} :{' '}
          {m.state === 'scored' && m.average !== null ? formatScore(m.average) : MEMBER_STATE_LABELS[m.state]}
        </List.Item>
      ))}
    </List>
  );
}

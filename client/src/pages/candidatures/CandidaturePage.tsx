import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useAuth } from '../../auth/AuthProvider';
import { formatDate, formatDateTime } from '../../i18n/format';
import { actorTypeLabels, participationLevelLabels, policyLabels } from '../../i18n/labels';
import { communeNames, EligibilityBadge, formatScore, StatusBadge } from './shared';
import type { Candidature } from './types';
import { CommitteePanel } from './CommitteePanel';
import { fileSize } from './AttachmentsPanel';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { decisionSchema, type DecisionValues } from './decisionSchema';
import { queryKeys } from '../../api/queryKeys';
import { ReopenForm } from './ReopenForm';

function Answer({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text fw={600} size="sm">
        {label}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{children || '—'}</Text>
    </div>
  );
}

/** /candidatures/:id — both letters, eligibility, the committee's evaluations, scoring and decision. */
export function CandidaturePage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const candidature = useQuery({
    queryKey: queryKeys.candidatures.one(id),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/candidatures/{id}', { params: { path: { id } } });
      if (error) throw new Error(problemMessage(error));
      return data;
    },
  });

  if (candidature.isError) return <Alert color="red">{candidature.error.message}</Alert>;
  if (!candidature.data) return <Text>Chargement…</Text>;
  const c = candidature.data;
  const e = c.engagement;
  const isLead = user?.role === 'lead';
  const undecided = c.status === 'intention_submitted' || c.status === 'engagement_submitted';

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to={`/appels/${c.callId}`} size="sm">
          ← {c.callTitle}
        </Anchor>
        <Title order={2}>{communeNames(c.communes)}</Title>
        <Text size="sm">
          Dossier <strong>{c.dossierNumber}</strong>
          {isLead && (
            <>
              {' · '}
              <Anchor href={`/api/candidatures/${c.id}/acknowledgement`}>Accusé de réception (PDF)</Anchor>
            </>
          )}
        </Text>
        {c.personalDataErasedAt && (
          <Alert color="gray" title="Données personnelles effacées">
            Durée de conservation échue : les données personnelles de cette candidature non retenue ont été effacées le{' '}
            {formatDateTime(c.personalDataErasedAt)}. Restent les statistiques anonymes.
          </Alert>
        )}
        <Group gap="xs">
          <StatusBadge status={c.status} />
          <EligibilityBadge eligibility={c.eligibility} />
          <Text size="sm">
            {c.inhabitants.toLocaleString('fr-FR')} habitants (critère : {c.eligibility.minInhabitants}–
            {c.eligibility.maxInhabitants})
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {c.scoresHidden ? 'Moyenne visible après votre évaluation' : `Moyenne ${formatScore(c.averageScore)}/5`}
          {c.spread !== null && ` · écart ${formatScore(c.spread)}`} · {c.evaluationCount}/{c.committeeSize} membres ont
          noté
          {c.pilotId && (
            <>
              {' · '}
              <Anchor component={Link} to={`/pilotes/${c.pilotId}`}>
                Projet pilote créé
              </Anchor>
            </>
          )}
        </Text>
      </Stack>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={3}>Lettre d'intention</Title>
            <Text size="sm" c="dimmed">
              Déposée le {formatDateTime(c.intentionSubmittedAt)}{' '}
              {c.source === 'online' ? '(en ligne)' : '(saisie par le Smicval)'}
            </Text>
            <Answer label="Contact">{[c.contactName, c.contactEmail].filter(Boolean).join(' — ')}</Answer>
            <Answer label="Spécificités de la (des) commune(s) et de ses habitants">{c.intention.specifics}</Answer>
            <Answer label="Valeurs et engagements">{c.intention.values}</Answer>
            <Answer label="Enjeux de territoire / politiques publiques prioritaires">{c.intention.stakes}</Answer>
            <Answer label="Territoire engagé « Ma commune Zero Waste »">
              {c.intention.zeroWasteCommune ? 'Oui' : 'Non'}
            </Answer>
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={3}>Lettre d'engagement</Title>
            {!e && <Text>Pas encore déposée.</Text>}
            {e && (
              <>
                <Text size="sm" c="dimmed">
                  Déposée le {c.engagementSubmittedAt ? formatDateTime(c.engagementSubmittedAt) : '—'}
                </Text>
                <CandidatureAttachments candidatureId={c.id} attachments={c.attachments} />
                <Answer label="Politiques hybridées">{e.hybridPolicies.map((p) => policyLabels[p]).join(', ')}</Answer>
                <Answer label="Articulation avec la réduction des déchets">{e.articulation}</Answer>
                <Answer label="Description de la réflexion">{e.description}</Answer>
                <Answer label="Ce que le projet peut apporter">{e.contribution}</Answer>
                <div>
                  <Text fw={600} size="sm">
                    Acteurs
                  </Text>
                  {e.actors.length === 0 ? (
                    <Text>—</Text>
                  ) : (
                    <List size="sm">
                      {e.actors.map((a) => (
                        <List.Item key={a.name}>
                          {a.name} ({actorTypeLabels[a.type]}){a.canBring ? ` : ${a.canBring}` : ''}
                        </List.Item>
                      ))}
                    </List>
                  )}
                </div>
                <Answer label="Contributions">{e.contributions}</Answer>
                <Answer label="Liens existants">{e.existingLinks}</Answer>
                <Answer label="Implication des citoyens">{participationLevelLabels[e.citizenInvolvement]}</Answer>
                <Answer label="Points où l'implication est opportune">{e.involvementPoints}</Answer>
                <Answer label="Quartier / zonage">{e.district}</Answer>
                <Answer label="Lieu physique">{e.place}</Answer>
                <Answer label="Coordination">{e.coordinator}</Answer>
                <Answer label="Engagement de la commune">{e.communeCommitment}</Answer>
                <Answer label="Besoins">{e.needs}</Answer>
                <Answer label="Freins / risques">{e.risks}</Answer>
                <Answer label="Pistes pour les lever">{e.mitigations}</Answer>
                <Answer label="Ressources nécessaires">{e.resources}</Answer>
              </>
            )}
          </Stack>
        </Paper>
      </SimpleGrid>

      <CommitteePanel
        candidatureId={c.id}
        canScore={undecided && (user?.role === 'committee' || user?.role === 'lead')}
      />
      {c.decision && (
        <Paper withBorder p="md">
          <Title order={3}>Décision</Title>
          <Text>
            {c.decision.deliberationNumber} du{' '}
            {c.decision.deliberationDate ? formatDate(c.decision.deliberationDate) : '—'}
          </Text>
          {c.decision.justification && <Text>Justification : {c.decision.justification}</Text>}
        </Paper>
      )}
      {undecided && user?.role === 'lead' && <DecisionForm candidature={c} />}
      {undecided && user?.role === 'lead' && <ReopenForm candidatureId={c.id} />}
    </Stack>
  );
}

function DecisionForm({ candidature }: { candidature: Candidature }) {
  const queryClient = useQueryClient();
  const schema = useMemo(() => decisionSchema(!candidature.eligibility.inBounds), [candidature.eligibility.inBounds]);
  const form = useSchemaForm(schema, {
    decision: 'selected',
    deliberationNumber: '',
    deliberationDate: '',
    justification: '',
    pilotStartDate: '',
  });
  const decision = form.values.decision;
  const outOfBounds = !candidature.eligibility.inBounds && decision === 'selected';

  const decide = useMutation({
    mutationFn: async (v: DecisionValues) => {
      const { error } = await api.POST('/api/candidatures/{id}/decision', {
        params: { path: { id: candidature.id } },
        body: {
          decision: v.decision,
          deliberationNumber: v.deliberationNumber.trim(),
          deliberationDate: v.deliberationDate,
          ...(v.justification.trim() ? { justification: v.justification.trim() } : {}),
          ...(v.decision === 'selected' && v.pilotStartDate ? { pilotStartDate: v.pilotStartDate } : {}),
        },
      });
      if (error) throw error;
    },
    onSuccess: async () => {
      form.resetDirty();
      await queryClient.invalidateQueries({ queryKey: queryKeys.candidatures.one(candidature.id) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.calls.one(candidature.callId) });
    },
    onError: (problem) => setServerErrors(form, problem),
  });

  const submit = form.onSubmit((values) => {
    if (decide.isPending) return;
    decide.mutate(schema.parse(values));
  });

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label="Décision">
        <Stack gap="sm">
          <Title order={3}>Décision de l'Assemblée générale</Title>
          {decide.isError && (
            <Alert color="red" role="alert">
              {problemMessage(decide.error)}
            </Alert>
          )}
          <NativeSelect
            label="Décision"
            data={[
              { value: 'selected', label: 'Retenue (crée le projet pilote)' },
              { value: 'not_selected', label: 'Non retenue' },
              { value: 'withdrawn', label: 'Retirée' },
            ]}
            {...form.getInputProps('decision')}
          />
          <SimpleGrid cols={{ base: 1, sm: decision === 'selected' ? 3 : 2 }}>
            <TextInput label="Numéro de délibération" required {...form.getInputProps('deliberationNumber')} />
            <TextInput label="Date de délibération" type="date" required {...form.getInputProps('deliberationDate')} />
            {decision === 'selected' && (
              <TextInput
                label="Début de la convention (facultatif)"
                type="date"
                {...form.getInputProps('pilotStartDate')}
              />
            )}
          </SimpleGrid>
          <Textarea
            label="Justification"
            description={
              outOfBounds ? 'Obligatoire : ce territoire est hors du critère de taille de l’appel.' : undefined
            }
            required={outOfBounds}
            autosize
            minRows={2}
            {...form.getInputProps('justification')}
          />
          <Button type="submit" loading={decide.isPending} style={{ alignSelf: 'flex-start' }}>
            Enregistrer la décision
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** The documents joined to the letter of engagement, to download. */
function CandidatureAttachments({
  candidatureId,
  attachments,
}: {
  candidatureId: string;
  attachments: Candidature['attachments'];
}) {
  return (
    <div>
      <Text fw={600} size="sm">
        Pièces jointes
      </Text>
      {attachments.length === 0 ? (
        <Text size="sm">Aucune.</Text>
      ) : (
        <List size="sm">
          {attachments.map((a) => (
            <List.Item key={a.id}>
              <Anchor href={`/api/candidatures/${candidatureId}/attachments/${a.id}`}>{a.filename}</Anchor> (
              {fileSize(a.sizeBytes)})
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

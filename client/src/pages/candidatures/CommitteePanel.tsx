import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { ScrollTable } from '../../components/ScrollTable';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { formatDateTime } from '../../i18n/format';
import { conflictLinkLabels, criterionLabels, type ConflictLink } from '../../i18n/labels';
import { ScoringGrid } from './ScoringGrid';
import { formatScore } from './shared';
import { CRITERIA, type Declaration, type Evaluation, type ScoringSheet } from './types';

/**
 * The committee's part of a candidature on one screen: the member's conflict-of-interest declaration, the
 * scoring grid with the call's rubric, the others' scores once the member has scored (blind scoring), every
 * declaration for the lead, and a link to the next candidature to score.
 */
export function CommitteePanel({ candidatureId, canScore }: { candidatureId: string; canScore: boolean }) {
  const sheet = useQuery({
    queryKey: ['candidatures', candidatureId, 'scoring-sheet'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/candidatures/{id}/scoring-sheet', {
        params: { path: { id: candidatureId } },
      });
      if (error) throw new Error(problemMessage(error));
      return data;
    },
  });
  if (sheet.isError) return <Alert color="red">{sheet.error.message}</Alert>;
  if (!sheet.data) return <Text>Chargement…</Text>;
  const s = sheet.data;
  const declaredFree = s.declaration !== null && !s.declaration.hasConflict;

  return (
    <Stack gap="lg">
      {s.nextCandidatureId && (
        <Anchor component={Link} to={`/candidatures/${s.nextCandidatureId}`} style={{ alignSelf: 'flex-end' }}>
          Candidature suivante à noter →
        </Anchor>
      )}
      {canScore && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={3}>Ma notation</Title>
            {!s.scoringOpen && s.scoringClosedReason && (
              <Alert color="blue" role="status">
                {s.scoringClosedReason}
              </Alert>
            )}
            {s.scoringOpen && <DeclarationForm sheet={s} />}
            {s.recused && (
              <Alert color="orange" role="status">
                Vous êtes récusé(e) pour cette candidature : vous ne la notez pas et les notes des autres membres ne
                vous sont pas montrées.
              </Alert>
            )}
            {s.scoringOpen && declaredFree && (
              <ScoringGrid candidatureId={candidatureId} rubric={s.rubric} mine={s.myEvaluation ?? undefined} />
            )}
          </Stack>
        </Paper>
      )}

      <Paper withBorder p="md">
        <Title order={3} mb="sm">
          Évaluations du comité
        </Title>
        {!s.scoresVisible && (
          <Text>
            {s.recused
              ? 'Les notes ne sont pas montrées aux membres récusés.'
              : `Les notes et commentaires des autres membres s'affichent une fois votre évaluation enregistrée (${s.evaluationCount} évaluation(s) à ce jour).`}
          </Text>
        )}
        {s.scoresVisible && s.evaluations.length === 0 && <Text>Aucune évaluation pour l'instant.</Text>}
        {s.scoresVisible && s.evaluations.length > 0 && <EvaluationsTable evaluations={s.evaluations} />}
      </Paper>

      {s.declarations.length > 0 && <DeclarationsTable declarations={s.declarations} />}
    </Stack>
  );
}

const declarationSchema = z
  .object({
    answer: z.enum(['none', 'conflict'], { error: 'Indiquez si vous avez un lien avec cette candidature.' }),
    link: z.string(),
    reason: z.string().trim().max(500, { error: 'Au plus 500 caractères.' }),
  })
  .refine((v) => v.answer === 'none' || v.link !== '', { error: 'Précisez la nature du lien.', path: ['link'] })
  .refine((v) => v.answer === 'none' || v.reason !== '', {
    error: 'Expliquez le lien en quelques mots.',
    path: ['reason'],
  });

function DeclarationForm({ sheet }: { sheet: ScoringSheet }) {
  const queryClient = useQueryClient();
  const d = sheet.declaration;
  const form = useSchemaForm(declarationSchema, {
    answer: d ? (d.hasConflict ? 'conflict' : 'none') : '',
    link: d?.link ?? '',
    reason: d?.reason ?? '',
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async (values) => {
    const v = declarationSchema.parse(values);
    setBusy(true);
    const conflict = v.answer === 'conflict';
    const { error } = await api.PUT('/api/candidatures/{id}/conflict', {
      params: { path: { id: sheet.candidatureId } },
      body: conflict ? { hasConflict: true, link: v.link as ConflictLink, reason: v.reason } : { hasConflict: false },
    });
    setBusy(false);
    if (error) {
      setServerErrors(form, error);
      setMessage({ ok: false, text: problemMessage(error) });
      return;
    }
    form.resetDirty();
    setMessage({
      ok: true,
      text: conflict ? 'Déclaration enregistrée : vous êtes récusé(e).' : 'Déclaration enregistrée.',
    });
    await queryClient.invalidateQueries({ queryKey: ['candidatures', sheet.candidatureId] });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Déclaration de lien d'intérêts">
      <Stack gap="xs">
        {message && (
          <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </Alert>
        )}
        <Radio.Group
          label="Avez-vous un lien avec cette commune ou ses porteurs ?"
          description="Élu(e), agent, lien familial… Un lien vous récuse : vous ne notez pas cette candidature."
          required
          {...form.getInputProps('answer')}
        >
          <Group mt={4} gap="md">
            <Radio value="none" label="Aucun lien" />
            <Radio value="conflict" label="J'ai un lien" />
          </Group>
        </Radio.Group>
        {form.values.answer === 'conflict' && (
          <Group grow wrap="wrap" align="flex-start">
            <NativeSelect
              label="Nature du lien"
              required
              data={[
                { value: '', label: 'Choisir…' },
                ...Object.entries(conflictLinkLabels).map(([value, label]) => ({ value, label })),
              ]}
              {...form.getInputProps('link')}
            />
            <Textarea label="Explication" required autosize minRows={1} {...form.getInputProps('reason')} />
          </Group>
        )}
        <Button type="submit" variant="light" loading={busy} style={{ alignSelf: 'flex-start' }}>
          Enregistrer ma déclaration
        </Button>
      </Stack>
    </form>
  );
}

function EvaluationsTable({ evaluations }: { evaluations: Evaluation[] }) {
  return (
    <ScrollTable label="Évaluations du comité" minWidth={720}>
      <Table striped aria-label="Évaluations du comité">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Membre</Table.Th>
            {CRITERIA.map((k) => (
              <Table.Th key={k} title={criterionLabels[k]}>
                {criterionLabels[k].split(' ')[0]}
              </Table.Th>
            ))}
            <Table.Th>Moyenne</Table.Th>
            <Table.Th>Commentaire</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {evaluations.map((ev) => (
            <Table.Tr key={ev.id}>
              <Table.Td>{ev.memberName}</Table.Td>
              {CRITERIA.map((k) => (
                <Table.Td key={k}>{ev.scores[k]}</Table.Td>
              ))}
              <Table.Td>{formatScore(ev.average)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{ev.comment}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** The lead's view of every member's declaration. */
function DeclarationsTable({ declarations }: { declarations: Declaration[] }) {
  return (
    <Paper withBorder p="md">
      <Title order={3} mb="sm">
        Déclarations de liens d'intérêts
      </Title>
      <ScrollTable label="Déclarations de liens d'intérêts" minWidth={520}>
        <Table striped aria-label="Déclarations de liens d'intérêts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Membre</Table.Th>
              <Table.Th>Déclaration</Table.Th>
              <Table.Th>Explication</Table.Th>
              <Table.Th>Le</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {declarations.map((d) => (
              <Table.Tr key={d.memberId}>
                <Table.Td>{d.memberName}</Table.Td>
                <Table.Td>{d.hasConflict && d.link ? `Récusé — ${conflictLinkLabels[d.link]}` : 'Aucun lien'}</Table.Td>
                <Table.Td>{d.reason || '—'}</Table.Td>
                <Table.Td>{formatDateTime(d.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Paper>
  );
}

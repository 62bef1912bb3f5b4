import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { problemMessage } from '../../api/problem';
import { useAuth } from '../../auth/AuthProvider';
import { setServerErrors, useSchemaForm } from '../../forms/schemaForm';
import { formatDateTime } from '../../i18n/format';
import {
  audienceLabels,
  decisionLabels,
  fetchReport,
  fetchReviews,
  fileUrl,
  postComment,
  type Report,
  type ReportReviews,
  reportKindLabel,
  reportStatusLabels,
  reviewKeys,
  type ReviewDecision,
} from './reportsApi';

const DECISION_COLORS: Record<ReviewDecision, string> = { approve: 'green', changes_requested: 'orange' };

/** /rapports/:id — one report: its files, its versions, the reviewers' comments and decisions; reviewers write here. */
export function ReportPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const report = useQuery({ queryKey: reviewKeys.report(id), queryFn: () => fetchReport(id) });
  const reviews = useQuery({ queryKey: [...reviewKeys.report(id), 'reviews'], queryFn: () => fetchReviews(id) });
  const r = report.data;
  const back = r?.pilotId ? `/pilotes/${r.pilotId}/rapports` : '/rapports';
  const canReview = user?.role === 'reviewer' && r?.status === 'done' && !r.issuedAt && r.kind !== 'wave';
  return (
    <Stack gap="md">
      <Anchor component={Link} to={back} size="sm">
        ← {r?.pilotName ?? 'Rapports'}
      </Anchor>
      {report.isPending && <Loader aria-label="Chargement du rapport" />}
      {report.isError && <Alert color="red">{report.error.message}</Alert>}
      {r && (
        <>
          <Stack gap={4}>
            <Title order={2}>
              {reportKindLabel(r)} — v{r.version}
            </Title>
            <Text c="dimmed" size="sm">
              {r.pilotName ? `${r.pilotName} · ` : ''}
              {audienceLabels[r.audience]} · {reportStatusLabels[r.status]}
              {r.issuedAt ? ` · émis le ${formatDateTime(r.issuedAt)}` : ' · brouillon'}
            </Text>
          </Stack>
          {r.status === 'done' && (
            <Group gap="xs" wrap="wrap">
              <Button
                size="xs"
                variant="light"
                component="a"
                href={fileUrl(r.id, 'html')}
                target="_blank"
                rel="noopener"
              >
                Version imprimable
              </Button>
              <Button size="xs" variant="default" component="a" href={fileUrl(r.id, 'pdf')} download>
                Télécharger le PDF
              </Button>
              <Button size="xs" variant="default" component="a" href={fileUrl(r.id, 'xlsx')} download>
                Annexe XLSX
              </Button>
            </Group>
          )}
        </>
      )}
      {reviews.isError && <Alert color="red">{reviews.error.message}</Alert>}
      {reviews.data && <Reviews reviews={reviews.data} currentId={id} />}
      {canReview && r && <CommentForm report={r} />}
      {r?.issuedAt && (
        <Text size="sm" c="dimmed">
          Ce rapport est émis : il ne reçoit plus de commentaires.
        </Text>
      )}
    </Stack>
  );
}

function Reviews({ reviews, currentId }: { reviews: ReportReviews; currentId: string }) {
  return (
    <>
      <Paper withBorder p="md" component="section" aria-labelledby="decisions-title">
        <Title order={3} size="h4" id="decisions-title" mb="xs">
          Avis des relecteurs sur cette version
        </Title>
        {reviews.decisions.length === 0 ? (
          <Text c="dimmed" size="sm">
            Aucun avis pour le moment.
          </Text>
        ) : (
          <Stack gap={4}>
            {reviews.decisions.map((d) => (
              <Group key={d.reviewerId} gap="xs" wrap="wrap">
                <Text size="sm" fw={600}>
                  {d.reviewerName}
                </Text>
                <Badge color={DECISION_COLORS[d.decision]} variant="light">
                  {decisionLabels[d.decision]}
                </Badge>
                <Text size="xs" c="dimmed">
                  le {formatDateTime(d.decidedAt)}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="comments-title">
        <Title order={3} size="h4" id="comments-title" mb="xs">
          Commentaires
        </Title>
        {reviews.comments.length === 0 ? (
          <Text c="dimmed" size="sm">
            Aucun commentaire pour le moment.
          </Text>
        ) : (
          <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {reviews.comments.map((c) => (
              <li key={c.id} data-testid="report-comment">
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" fw={600}>
                    {c.authorName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Relecteur · v{c.version} · {formatDateTime(c.createdAt)}
                  </Text>
                  {c.decision && (
                    <Badge color={DECISION_COLORS[c.decision]} variant="light">
                      {decisionLabels[c.decision]}
                    </Badge>
                  )}
                </Group>
                {c.body && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {c.body}
                  </Text>
                )}
              </li>
            ))}
          </Stack>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="versions-title">
        <Title order={3} size="h4" id="versions-title" mb="xs">
          Versions
        </Title>
        <Table aria-label="Versions du rapport">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>État</Table.Th>
              <Table.Th>Avis</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reviews.versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  {v.id === currentId ? (
                    <Text size="sm" fw={600}>
                      v{v.version} (cette version)
                    </Text>
                  ) : (
                    <Anchor component={Link} to={`/rapports/${v.id}`} size="sm">
                      v{v.version}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  {v.issuedAt
                    ? `Émise le ${formatDateTime(v.issuedAt)}`
                    : reportStatusLabels[v.status as Report['status']]}
                </Table.Td>
                <Table.Td>
                  {v.approvals} approbation{v.approvals > 1 ? 's' : ''}, {v.changesRequested} demande
                  {v.changesRequested > 1 ? 's' : ''} de modifications
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </>
  );
}

const commentSchema = z.object({
  body: z.string().max(5000, 'Un commentaire compte au plus 5 000 caractères.'),
});

function CommentForm({ report }: { report: Report }) {
  const queryClient = useQueryClient();
  const form = useSchemaForm(commentSchema, { body: '' });
  const [needsText, setNeedsText] = useState(false);
  const send = useMutation({
    mutationFn: (v: { body: string; decision?: ReviewDecision }) =>
      postComment(report.id, {
        ...(v.body.trim() ? { body: v.body.trim() } : {}),
        ...(v.decision ? { decision: v.decision } : {}),
      }),
    onSuccess: async () => {
      form.reset();
      await queryClient.invalidateQueries({ queryKey: reviewKeys.report(report.id) });
    },
    onError: (problem) => setServerErrors(form as never, problem),
  });
  // Commenting or asking for changes needs a text; approving does not.
  const submit = (decision?: ReviewDecision) =>
    form.onSubmit((values) => {
      if (send.isPending) return;
      const body = commentSchema.parse(values).body;
      if (decision !== 'approve' && !body.trim()) {
        setNeedsText(true);
        form.setFieldError('body', 'Écrivez votre commentaire.');
        return;
      }
      setNeedsText(false);
      send.mutate({ body, decision });
    });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="review-title">
      <form noValidate aria-label="Mon avis sur ce brouillon" onSubmit={submit()}>
        <Stack gap="sm">
          <Title order={3} size="h4" id="review-title">
            Mon avis sur ce brouillon
          </Title>
          <Textarea
            label="Commentaire"
            description="Visible par la cheffe ou le chef de projet et l’équipe du pilote."
            autosize
            minRows={3}
            maxLength={5000}
            required={needsText}
            {...form.getInputProps('body')}
          />
          {send.isError && <Alert color="red">{problemMessage(send.error)}</Alert>}
          <Group gap="xs" wrap="wrap">
            <Button type="submit" variant="default" loading={send.isPending}>
              Commenter
            </Button>
            <Button color="orange" loading={send.isPending} onClick={() => submit('changes_requested')()}>
              Demander des modifications
            </Button>
            <Button color="green" loading={send.isPending} onClick={() => submit('approve')()}>
              Approuver
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import { Alert, Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ReportForm, type ReportFormValues } from './ReportForm';
import { createCallReport, fetchCallReports, isInProgress, reportKeys } from './reportsApi';
import { ReportsTable } from './ReportsTable';

/** /appels/:id/rapports — wave-wide reports of a call (lead only). */
export function CallReportsPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const reports = useQuery({
    queryKey: reportKeys.call(id),
    queryFn: () => fetchCallReports(id),
    refetchInterval: (q) => (isInProgress(q.state.data?.items) ? 1000 : false),
  });
  const create = useMutation({
    mutationFn: (v: ReportFormValues) =>
      createCallReport(id, { audience: v.audience, ...(v.year ? { year: v.year } : {}), narrative: v.narrative }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportKeys.call(id) }),
  });
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Anchor component={Link} to={`/appels/${id}`} size="sm">
          ← Appel à coopération
        </Anchor>
        <Title order={2}>Rapports de la vague</Title>
        <Text c="dimmed" size="sm">
          Chiffres consolidés de tous les projets pilotes de l’appel et un tableau par projet.
        </Text>
      </Stack>
      <ReportForm
        draftFor={`call:${id}`}
        years={[1, 2, 3]}
        yearOptional
        error={create.isError ? create.error.message : null}
        onSubmit={(v) => create.mutateAsync(v)}
      />
      {reports.isPending && <Loader aria-label="Chargement des rapports" />}
      {reports.isError && <Alert color="red">{reports.error.message}</Alert>}
      {reports.data && <ReportsTable reports={reports.data.items} />}
    </Stack>
  );
}

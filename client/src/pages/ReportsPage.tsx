import { Alert, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { fetchMyReports, isInProgress, reportKeys } from './reports/reportsApi';
import { ReportsTable } from './reports/ReportsTable';

/** /rapports — every report the user may see (their pilots'; all of them for the lead). */
export function ReportsPage() {
  const reports = useQuery({
    queryKey: reportKeys.mine(),
    queryFn: fetchMyReports,
    refetchInterval: (q) => (isInProgress(q.state.data?.items) ? 1000 : false),
  });
  return (
    <Stack gap="md">
      <Title order={2}>Rapports</Title>
      <Text c="dimmed" size="sm">
        Rapports annuels des projets pilotes et rapports de vague. Pour créer un rapport, ouvrez l’onglet « Rapports »
        d’un projet pilote.
      </Text>
      {reports.isPending && <Loader aria-label="Chargement des rapports" />}
      {reports.isError && <Alert color="red">{reports.error.message}</Alert>}
      {reports.data && <ReportsTable reports={reports.data.items} showOwner />}
    </Stack>
  );
}

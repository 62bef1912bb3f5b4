import { Alert, Anchor, Button, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { z } from 'zod';
import { useSchemaForm } from '../../forms/schemaForm';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { fetchPilot, pilotKeys } from '../pilots/pilotsApi';
import { NarrativeDraftForm } from './NarrativeDraftForm';
import { ReportForm, type ReportFormValues } from './ReportForm';
import {
  audienceLabels,
  createFinalReport,
  createPilotReport,
  fetchPilotReports,
  isInProgress,
  reportKeys,
} from './reportsApi';
import { ReportsTable } from './ReportsTable';

/** /pilotes/:id/rapports (and the pilot page's « Rapports » tab, embedded) — the pilot's yearly reports: create (lead), follow, preview, download, issue. */
export function PilotReportsPage({ embedded = false }: { embedded?: boolean }) {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const isLead = user?.role === 'lead';
  const [search] = useSearchParams();
  const queryClient = useQueryClient();
  const pilot = useQuery({ queryKey: pilotKeys.pilot(id), queryFn: () => fetchPilot(id) });
  const reports = useQuery({
    queryKey: reportKeys.pilot(id),
    queryFn: () => fetchPilotReports(id),
    // Live progress: poll while a report is being produced, stop when all are done or failed.
    refetchInterval: (q) => (isInProgress(q.state.data?.items) ? 1000 : false),
  });
  const create = useMutation({
    mutationFn: (v: ReportFormValues) =>
      createPilotReport(id, { year: v.year ?? 1, audience: v.audience, narrative: v.narrative }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportKeys.pilot(id) }),
  });

  const operatingYears = pilot.data?.operatingYears ?? 3;
  const years = Array.from({ length: operatingYears }, (_, i) => i + 1);
  // The coordinator's to-do « Rapport annuel » links here with ?recit=<year>; else the current year.
  const asked = Number(search.get('recit'));
  const draftYear = years.includes(asked)
    ? asked
    : Math.min(operatingYears, Math.max(1, pilot.data?.currentProjectYear ?? 1));
  return (
    <Stack gap="md">
      <Stack gap={4}>
        {!embedded && (
          <Anchor component={Link} to={`/pilotes/${id}`} size="sm">
            ← {pilot.data?.name ?? 'Projet pilote'}
          </Anchor>
        )}
        <Title order={embedded ? 3 : 2}>Rapports annuels</Title>
        <Text c="dimmed" size="sm">
          Chaque rapport est produit à partir d’un instantané des données : état financier rapproché du grand livre,
          activités, acteurs, déchets, jalons et votre appréciation. Une fois émis, il est figé.
        </Text>
      </Stack>
      {isLead && pilot.data && (
        <ReportForm
          draftFor={`pilot:${id}`}
          years={years}
          error={create.isError ? create.error.message : null}
          onSubmit={(v) => create.mutateAsync(v)}
          narrativeOf={id}
        />
      )}
      {isLead && pilot.data && <FinalReportForm pilotId={id} />}
      {user?.role === 'coordinator' && pilot.data && (
        <NarrativeDraftForm key={draftYear} pilotId={id} years={years} initialYear={draftYear} />
      )}
      {reports.isPending && <Loader aria-label="Chargement des rapports" />}
      {reports.isError && <Alert color="red">{reports.error.message}</Alert>}
      {reports.data && <ReportsTable reports={reports.data.items} />}
    </Stack>
  );
}

const finalSchema = z.object({
  audience: z.enum(['ademe', 'board'], { error: 'Choisissez le destinataire du bilan.' }),
});
type FinalValues = z.input<typeof finalSchema>;

/** The programme's final report (« bilan »): across every year, possible once the last operating year has ended. */
function FinalReportForm({ pilotId }: { pilotId: string }) {
  const queryClient = useQueryClient();
  // A choice from a list: nothing typed to lose, so no prompt before leaving.
  const form = useSchemaForm<FinalValues>(finalSchema, { audience: 'ademe' }, { warnOnLeave: false });
  const create = useMutation({
    mutationFn: (audience: FinalValues['audience']) => createFinalReport(pilotId, audience),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportKeys.pilot(pilotId) }),
  });
  const submit = form.onSubmit((values) => {
    // One report per click: a second click while the first is on its way does nothing.
    if (!create.isPending) create.mutate(finalSchema.parse(values).audience);
  });
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label="Bilan du programme">
        <Stack gap="sm">
          <Title order={3} size="h4">
            Bilan du programme
          </Title>
          <Text size="sm" c="dimmed">
            Toutes les années de projet côte à côte, après la dernière année de fonctionnement.
          </Text>
          <Group align="flex-end" wrap="wrap">
            <Select
              label="Destinataire du bilan"
              data={(['ademe', 'board'] as const).map((value) => ({ value, label: audienceLabels[value] }))}
              allowDeselect={false}
              {...form.getInputProps('audience')}
            />
            <Button type="submit" variant="light" loading={create.isPending}>
              Générer le bilan
            </Button>
          </Group>
          {create.isError && (
            <Alert color="red" role="alert">
              {create.error.message}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

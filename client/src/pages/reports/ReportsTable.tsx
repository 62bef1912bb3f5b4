import { Alert, Anchor, Badge, Button, Group, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { formatDateTime } from '../../i18n/format';
import { audienceLabels, fileUrl, issueReport, reportStatusLabels, stageLabels, type Report } from './reportsApi';
import { queryKeys } from '../../api/queryKeys';

const STATUS_COLORS: Record<Report['status'], string> = {
  queued: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'red',
};

function StatusCell({ report }: { report: Report }) {
  const label = reportStatusLabels[report.status];
  return (
    <Stack gap={4} miw={180}>
      <Group gap={6}>
        <Badge color={STATUS_COLORS[report.status]} variant="light" data-testid={`report-status-${report.id}`}>
          {label}
        </Badge>
        {report.issuedAt && (
          <Badge color="grape" variant="filled">
            Émis
          </Badge>
        )}
      </Group>
      {report.status !== 'failed' && (
        <Progress
          value={report.progress}
          color={report.status === 'done' ? 'green' : 'blue'}
          striped={report.status === 'running'}
          animated={report.status === 'running'}
          aria-label={`Avancement : ${report.progress} %`}
          data-testid={`report-progress-${report.id}`}
          data-progress={report.progress}
        />
      )}
      {(report.status === 'running' || report.status === 'queued') && (
        <Text size="xs" c="dimmed">
          {report.stage ? (stageLabels[report.stage] ?? report.stage) : 'En attente d’un producteur'} ·{' '}
          {report.progress} %
        </Text>
      )}
      {report.error && (
        <Text size="xs" c={report.status === 'failed' ? 'red' : 'orange'}>
          {report.status === 'failed' ? 'Échec : ' : 'Nouvelle tentative : '}
          {report.error}
        </Text>
      )}
    </Stack>
  );
}

/** Reports with their live status, downloads, preview and (for the lead) the issue action. */
export function ReportsTable({ reports, showOwner = false }: { reports: Report[]; showOwner?: boolean }) {
  const { user } = useAuth();
  const isLead = user?.role === 'lead';
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState<Report | null>(null);
  const [confirm, setConfirm] = useState<Report | null>(null);
  const issue = useMutation({
    mutationFn: (id: string) => issueReport(id),
    onSuccess: () => {
      setConfirm(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.reports.all });
    },
  });

  if (reports.length === 0) return <Text c="dimmed">Aucun rapport pour le moment.</Text>;
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover aria-label="Rapports">
          <Table.Thead>
            <Table.Tr>
              {showOwner && <Table.Th>Projet</Table.Th>}
              <Table.Th>Année</Table.Th>
              <Table.Th>Destinataire</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>État</Table.Th>
              <Table.Th>Créé le</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reports.map((r) => (
              <Table.Tr key={r.id} data-testid={`report-row-${r.id}`}>
                {showOwner && (
                  <Table.Td>
                    {r.kind !== 'wave' && r.pilotId ? (
                      <Anchor component={Link} to={`/pilotes/${r.pilotId}/rapports`}>
                        {r.pilotName ?? 'Projet pilote'}
                      </Anchor>
                    ) : (
                      <Anchor component={Link} to={`/appels/${r.callId}/rapports`}>
                        Rapport de vague
                      </Anchor>
                    )}
                  </Table.Td>
                )}
                <Table.Td>
                  {r.kind === 'final' ? 'Bilan du programme' : r.year ? `Année ${r.year}` : 'Depuis le démarrage'}
                </Table.Td>
                <Table.Td>
                  {audienceLabels[r.audience]}
                  {r.origin === 'auto' && (
                    <Text size="xs" c="dimmed">
                      Brouillon automatique
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>v{r.version}</Table.Td>
                <Table.Td>
                  <StatusCell report={r} />
                </Table.Td>
                <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                <Table.Td>
                  {r.status === 'done' ? (
                    <Group gap="xs" wrap="wrap">
                      <Button size="xs" variant="light" onClick={() => setPreview(r)}>
                        Aperçu
                      </Button>
                      {r.kind !== 'wave' && (
                        <Button
                          size="xs"
                          variant="light"
                          component={Link}
                          to={`/rapports/${r.id}`}
                          aria-label={`Relecture et versions de la v${r.version}`}
                        >
                          Relecture
                        </Button>
                      )}
                      <Button
                        size="xs"
                        variant="default"
                        component="a"
                        href={fileUrl(r.id, 'pdf')}
                        download
                        data-testid={`report-pdf-${r.id}`}
                      >
                        Télécharger le PDF
                      </Button>
                      <Button size="xs" variant="default" component="a" href={fileUrl(r.id, 'xlsx')} download>
                        Annexe XLSX
                      </Button>
                      {isLead && !r.issuedAt && (
                        <Button size="xs" color="grape" onClick={() => setConfirm(r)}>
                          Émettre
                        </Button>
                      )}
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {r.status === 'failed' ? 'Relancez la génération.' : 'Disponible à la fin de la production.'}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Modal opened={preview !== null} onClose={() => setPreview(null)} title="Aperçu du rapport" size="90%">
        {preview && (
          <Stack gap="xs">
            <Anchor href={fileUrl(preview.id, 'html')} target="_blank" rel="noopener">
              Ouvrir la version imprimable dans un nouvel onglet
            </Anchor>
            <iframe
              title="Aperçu du rapport"
              src={fileUrl(preview.id, 'html')}
              style={{ width: '100%', height: '70vh', border: '1px solid #dee2e6' }}
              sandbox=""
            />
          </Stack>
        )}
      </Modal>

      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title="Émettre le rapport">
        {confirm && (
          <Stack>
            <Text>
              Une fois émis, le rapport v{confirm.version} est figé : ses chiffres et ses fichiers ne changeront plus.
              Une nouvelle génération créera une nouvelle version.
            </Text>
            {issue.isError && <Alert color="red">{issue.error.message}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>
                Annuler
              </Button>
              <Button color="grape" loading={issue.isPending} onClick={() => issue.mutate(confirm.id)}>
                Émettre et figer
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

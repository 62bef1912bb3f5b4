import { Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, formatEuros, formatPercent } from '../../i18n/format';
import { audienceLabels, fileUrl } from '../reports/reportsApi';
import { type PilotSummary, projectYearLabel } from './homeApi';
import { ScrollTable } from '../../components/ScrollTable';

/** The reviewer's pilots with their latest issued reports, ready to download. */
export function ReviewerHome({ pilots }: { pilots: PilotSummary[] }) {
  if (pilots.length === 0) return <Text>Aucun projet pilote ne vous est attribué pour le moment.</Text>;
  return (
    <Stack gap="lg">
      {pilots.map((p) => (
        <Card withBorder key={p.id} component="section" aria-labelledby={`rv-${p.id}`}>
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h4" id={`rv-${p.id}`}>
              <Anchor component={Link} to={`/pilotes/${p.id}`}>
                {p.name}
              </Anchor>
            </Title>
            <Text size="sm" c="dimmed">
              {projectYearLabel(p)} · versé {formatEuros(p.funding.totals.disbursedCents)} · autonomie{' '}
              {p.autonomyRatio === null ? '—' : formatPercent(p.autonomyRatio)}
            </Text>
          </Group>
          {p.latestReports.length === 0 ? (
            <Text size="sm" c="dimmed">
              Aucun rapport émis pour le moment.
            </Text>
          ) : (
            <ScrollTable label="Rapports émis" minWidth={560}>
              <Table data-testid="issued-reports">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Année</Table.Th>
                    <Table.Th>Destinataire</Table.Th>
                    <Table.Th>Émis le</Table.Th>
                    <Table.Th>Télécharger</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.latestReports.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        Année {r.year} (v{r.version})
                      </Table.Td>
                      <Table.Td>{audienceLabels[r.audience]}</Table.Td>
                      <Table.Td>{formatDateTime(r.issuedAt)}</Table.Td>
                      <Table.Td>
                        <Group gap="sm">
                          <Anchor
                            href={fileUrl(r.id, 'pdf')}
                            aria-label={`PDF du rapport année ${r.year}, ${audienceLabels[r.audience]}`}
                          >
                            PDF
                          </Anchor>
                          <Anchor
                            href={fileUrl(r.id, 'xlsx')}
                            aria-label={`Annexe tableur du rapport année ${r.year}, ${audienceLabels[r.audience]}`}
                          >
                            Annexe (XLSX)
                          </Anchor>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Card>
      ))}
    </Stack>
  );
}

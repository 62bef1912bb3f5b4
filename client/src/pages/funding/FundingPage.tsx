import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { useAuth } from '../../auth/AuthProvider';
import { formatDate, formatEuros, formatPercent } from '../../i18n/format';
import { expenseCategoryLabels, fundLabels, type Fund } from '../../i18n/labels';
import { EntryForm } from './EntryForm';
import {
  entryTypeLabels,
  instalmentStatusLabels,
  sourceKindLabels,
  type EntryType,
  type FundingSummary,
  type LedgerEntry,
} from './fundingApi';
import { ReceiptUpload } from './ReceiptUpload';
import { ReversalModal } from './ReversalModal';
import { usePilot } from '../pilots/usePilot';
import { ResourcesChart } from './ResourcesChart';
import { ScrollTable } from '../../components/ScrollTable';
import { queryKeys } from '../../api/queryKeys';

const STATUS_COLORS: Record<FundingSummary['schedule'][number]['status'], string> = {
  paid: 'green',
  partial: 'yellow',
  upcoming: 'gray',
  due: 'blue',
  overdue: 'red',
};

function pct(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, Math.max(0, (part / whole) * 100)) : 0;
}

function FundCard({ fund, balance }: { fund: Fund; balance: FundingSummary['balances']['investment'] }) {
  const rows: [string, number][] = [
    ['Dotation', balance.entitledCents],
    ['Versé', balance.disbursedCents],
    ['Dépensé', balance.spentCents],
    ['Disponible', balance.availableCents],
  ];
  return (
    <Paper withBorder p="md" aria-label={fundLabels[fund]} data-testid={`fund-${fund}`}>
      <Title order={4} mb="sm">
        {fundLabels[fund]}
      </Title>
      <Stack gap={6}>
        <Text size="sm">Versé sur la dotation</Text>
        <Progress
          value={pct(balance.disbursedCents, balance.entitledCents)}
          color="teal"
          size="lg"
          aria-label={`Versé : ${formatEuros(balance.disbursedCents)} sur ${formatEuros(balance.entitledCents)}`}
        />
        <Text size="sm">Dépensé sur la dotation</Text>
        <Progress
          value={pct(balance.spentCents, balance.entitledCents)}
          color="orange"
          size="lg"
          aria-label={`Dépensé : ${formatEuros(balance.spentCents)} sur ${formatEuros(balance.entitledCents)}`}
        />
      </Stack>
      <Table mt="sm" withRowBorders={false}>
        <Table.Tbody>
          {rows.map(([label, cents]) => (
            <Table.Tr key={label}>
              <Table.Td>{label}</Table.Td>
              <Table.Td ta="right" c={cents < 0 ? 'red' : undefined} data-testid={`${fund}-${label}`}>
                {formatEuros(cents)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {balance.advancedCents > 0 && (
        <Text size="sm" c="orange">
          La commune a avancé {formatEuros(balance.advancedCents)} en attendant les versements.
        </Text>
      )}
    </Paper>
  );
}

function entryDetail(e: LedgerEntry): string {
  if (e.type === 'expense')
    return [e.category ? expenseCategoryLabels[e.category] : null, e.supplier].filter(Boolean).join(' — ');
  if (e.type === 'cofinancing' || e.type === 'in_kind')
    return [e.source, e.sourceKind ? sourceKindLabels[e.sourceKind] : null].filter(Boolean).join(' — ');
  if (e.type === 'reversal') return `Annule l’écriture n° ${e.reversesSeq ?? '?'} : ${e.reason ?? ''}`;
  return e.description ?? '';
}

/** /pilotes/:id/financement — balances per fund, schedule, resources and autonomy, the ledger. */
export function FundingPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const { pilot } = usePilot();
  const isLead = user?.role === 'lead';
  const canWrite = isLead || user?.role === 'coordinator';
  const [filters, setFilters] = useState<{ type: EntryType | null; year: string | null; fund: Fund | null }>({
    type: null,
    year: null,
    fund: null,
  });
  const [formOpen, setFormOpen] = useState(false);
  const [reversing, setReversing] = useState<LedgerEntry | null>(null);

  const summary = useQuery({
    queryKey: queryKeys.pilot.fundingSummary(id),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/pilots/{id}/funding', { params: { path: { id } } });
      if (error) throw new Error(problemMessage(error));
      return data;
    },
  });
  const ledger = useQuery({
    queryKey: queryKeys.pilot.ledger(id, filters),
    queryFn: async () => {
      const { data, error } = await api.GET('/api/pilots/{id}/ledger', {
        params: {
          path: { id },
          query: {
            limit: 500,
            ...(filters.type ? { type: filters.type } : {}),
            ...(filters.year ? { year: Number(filters.year) } : {}),
            ...(filters.fund ? { fund: filters.fund } : {}),
          },
        },
      });
      if (error) throw new Error(problemMessage(error));
      return data;
    },
  });

  if (summary.isLoading) return <Loader aria-label="Chargement" />;
  if (summary.error || !summary.data)
    return <Alert color="red">{summary.error?.message ?? 'Financement introuvable.'}</Alert>;
  const f = summary.data;
  const exportQuery = new URLSearchParams({
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.year ? { year: filters.year } : {}),
    ...(filters.fund ? { fund: filters.fund } : {}),
  });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div style={{ minWidth: 0, flex: '1 1 280px' }}>
          <Title order={2}>Financement</Title>
          <Text c="dimmed">
            {f.inhabitants.toLocaleString('fr-FR')} habitants en vigueur ·{' '}
            {f.startDate ? `convention du ${formatDate(f.startDate)}` : 'pas encore de date de démarrage'} · dotation
            totale {formatEuros(f.totals.entitledCents)}
          </Text>
        </div>
        {canWrite && <Button onClick={() => setFormOpen(true)}>Nouvelle écriture</Button>}
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <FundCard fund="investment" balance={f.balances.investment} />
        <FundCard fund="operating" balance={f.balances.operating} />
      </SimpleGrid>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Échéancier des versements
        </Title>
        <ScrollTable label="Échéancier des versements" minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Fonds</Table.Th>
                <Table.Th>Année</Table.Th>
                <Table.Th>Échéance</Table.Th>
                <Table.Th ta="right">Dotation</Table.Th>
                <Table.Th ta="right">Versé</Table.Th>
                <Table.Th ta="right">Reste</Table.Th>
                <Table.Th>État</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {f.schedule.map((s) => (
                <Table.Tr key={`${s.fund}-${s.year}`}>
                  <Table.Td>{fundLabels[s.fund]}</Table.Td>
                  <Table.Td>{s.year}</Table.Td>
                  <Table.Td>{s.dueDate ? formatDate(s.dueDate) : '—'}</Table.Td>
                  <Table.Td ta="right">{formatEuros(s.amountCents)}</Table.Td>
                  <Table.Td ta="right">{formatEuros(s.paidCents)}</Table.Td>
                  <Table.Td ta="right">{formatEuros(s.remainingCents)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[s.status]}>{instalmentStatusLabels[s.status]}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Paper>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Ressources de fonctionnement et autonomie
        </Title>
        <ResourcesChart years={f.years} />
        <Group mt="sm">
          {f.years.map((y) => (
            <Text key={y.year} size="sm">
              Année {y.year} :{' '}
              {y.autonomyRatio === null ? 'rien d’enregistré' : `autonomie ${formatPercent(y.autonomyRatio)}`}
            </Text>
          ))}
        </Group>
      </Paper>

      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4">
            Écritures
          </Title>
          <Group>
            <Anchor href={`/api/pilots/${id}/ledger?format=csv&${exportQuery}`}>Exporter en CSV</Anchor>
            <Anchor href={`/api/pilots/${id}/ledger?format=xlsx&${exportQuery}`}>Exporter en XLSX</Anchor>
          </Group>
        </Group>
        <Group mb="sm">
          <Select
            label="Type"
            placeholder="Tous"
            clearable
            data={(Object.keys(entryTypeLabels) as EntryType[]).map((t) => ({ value: t, label: entryTypeLabels[t] }))}
            value={filters.type}
            onChange={(v) => setFilters({ ...filters, type: v as EntryType | null })}
          />
          <Select
            label="Année"
            placeholder="Toutes"
            clearable
            data={f.years.map((y) => ({ value: String(y.year), label: `Année ${y.year}` }))}
            value={filters.year}
            onChange={(v) => setFilters({ ...filters, year: v })}
          />
          <Select
            label="Fonds"
            placeholder="Tous"
            clearable
            data={(['investment', 'operating'] as Fund[]).map((x) => ({ value: x, label: fundLabels[x] }))}
            value={filters.fund}
            onChange={(v) => setFilters({ ...filters, fund: v as Fund | null })}
          />
        </Group>
        {ledger.error && <Alert color="red">{ledger.error.message}</Alert>}
        <ScrollTable label="Écritures du grand livre" minWidth={980}>
          <Table striped highlightOnHover aria-label="Écritures du grand livre">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>N°</Table.Th>
                <Table.Th>Date</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Fonds</Table.Th>
                <Table.Th>Année</Table.Th>
                <Table.Th ta="right">Montant</Table.Th>
                <Table.Th>Référence</Table.Th>
                <Table.Th>Détail</Table.Th>
                <Table.Th>Justificatif</Table.Th>
                {isLead && <Table.Th>Action</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(ledger.data?.items ?? []).map((e) => (
                <Table.Tr key={e.id} style={e.reversedByEntryId ? { textDecoration: 'line-through' } : undefined}>
                  <Table.Td>{e.seq}</Table.Td>
                  <Table.Td>{formatDate(e.date)}</Table.Td>
                  <Table.Td>{entryTypeLabels[e.type]}</Table.Td>
                  <Table.Td>{e.fund ? fundLabels[e.fund] : '—'}</Table.Td>
                  <Table.Td>{e.year}</Table.Td>
                  <Table.Td ta="right" c={e.signedCents < 0 ? 'red' : undefined}>
                    {formatEuros(e.signedCents)}
                  </Table.Td>
                  <Table.Td>{e.reference}</Table.Td>
                  <Table.Td>{entryDetail(e)}</Table.Td>
                  <Table.Td>
                    {e.receipt ? (
                      <Anchor href={`/api/pilots/${id}/ledger/${e.id}/receipt`} title={`sha256 ${e.receipt.sha256}`}>
                        {e.receipt.filename}
                      </Anchor>
                    ) : canWrite && e.type !== 'reversal' ? (
                      <ReceiptUpload pilotId={id} entryId={e.id} seq={e.seq} />
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  {isLead && (
                    <Table.Td>
                      {e.type !== 'reversal' && !e.reversedByEntryId && (
                        <Button size="xs" variant="light" color="red" onClick={() => setReversing(e)}>
                          Annuler l’écriture {e.seq}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        {ledger.data && ledger.data.items.length === 0 && <Text c="dimmed">Aucune écriture.</Text>}
      </Paper>

      {canWrite && (
        <EntryForm
          pilotId={id}
          opened={formOpen}
          onClose={() => setFormOpen(false)}
          types={isLead ? ['disbursement', 'expense', 'cofinancing', 'in_kind'] : ['expense', 'cofinancing', 'in_kind']}
          initialType={isLead ? 'disbursement' : 'expense'}
          operatingYears={f.operatingYears}
          projectYears={pilot.data?.projectYears ?? []}
          canAttribute={isLead}
        />
      )}
      {reversing && <ReversalModal pilotId={id} entry={reversing} onClose={() => setReversing(null)} />}
    </Stack>
  );
}

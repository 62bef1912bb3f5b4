import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import type { ReactNode } from 'react';
import { Bar } from 'react-chartjs-2';
import { ChartData } from '../../components/ChartData';
import { formatEuros } from '../../i18n/format';
import { actorTypeLabels, policyLabels, type ActorType, type Policy } from '../../i18n/labels';
import { formatCount, type Overview } from './pilotsApi';

/** The overview's charts, each with its figures as a table (its text alternative). */
ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

// One colour per policy, stable across charts.
export const policyColors: Record<Policy, string> = {
  waste_reduction: '#2f9e44',
  education: '#1971c2',
  health: '#e03131',
  food: '#f08c00',
  culture: '#9c36b5',
  economic_development: '#0c8599',
  social_inclusion: '#d6336c',
  ageing_well: '#5c940d',
  village_revitalisation: '#862e9c',
  other: '#868e96',
};

export function ChartBox({ children }: { children: ReactNode }) {
  // A fixed height keeps the charts readable on a phone (Chart.js otherwise keeps a 2:1 ratio).
  return <div style={{ position: 'relative', height: 300 }}>{children}</div>;
}

export function MonthlyChart({ o, measure }: { o: Overview; measure: 'activities' | 'participants' }) {
  const months = [...new Set(o.charts.byMonth.map((m) => m.month))].sort();
  const policies = [...new Set(o.charts.byMonth.map((m) => m.policy))] as Policy[];
  const monthLabel = (m: string) =>
    new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${m}-01T00:00:00Z`),
    );
  const value = (month: string, policy: Policy) =>
    o.charts.byMonth.find((m) => m.month === month && m.policy === policy)?.[measure] ?? 0;
  return (
    <Bar
      role="img"
      aria-label={
        measure === 'activities'
          ? 'Graphique : activités par mois et par politique publique'
          : 'Graphique : participants par mois et par politique publique'
      }
      data={{
        labels: months.map(monthLabel),
        datasets: policies.map((policy) => ({
          label: policyLabels[policy] ?? policy,
          data: months.map((month) => value(month, policy)),
          backgroundColor: policyColors[policy] ?? '#868e96',
        })),
      }}
      options={{
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      }}
    />
  );
}

/** The monthly chart's figures as a table (its text alternative). */
export function MonthlyChartData({ o, measure }: { o: Overview; measure: 'activities' | 'participants' }) {
  const months = [...new Set(o.charts.byMonth.map((m) => m.month))].sort();
  const policies = [...new Set(o.charts.byMonth.map((m) => m.policy))] as Policy[];
  const monthLabel = (m: string) =>
    new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${m}-01T00:00:00Z`),
    );
  return (
    <ChartData
      caption={
        measure === 'activities'
          ? 'Nombre d’activités, mois par mois, pour chaque politique publique'
          : 'Nombre de participants, mois par mois, pour chaque politique publique'
      }
      columns={['Mois', ...policies.map((p) => policyLabels[p] ?? p)]}
      rows={months.map((month) => [
        monthLabel(month),
        ...policies.map((policy) =>
          formatCount(o.charts.byMonth.find((m) => m.month === month && m.policy === policy)?.[measure] ?? 0),
        ),
      ])}
    />
  );
}

export function ActorTypeChartData({ o }: { o: Overview }) {
  return (
    <ChartData
      caption="Contributions et leur valeur, pour chaque type d’acteur"
      columns={["Type d'acteur", 'Contributions', 'Valeur']}
      rows={o.charts.contributionsByActorType.map((r) => [
        actorTypeLabels[r.type as ActorType] ?? r.type,
        formatCount(r.contributions),
        formatEuros(r.valueCents),
      ])}
    />
  );
}

export function ActorTypeChart({ o }: { o: Overview }) {
  const rows = o.charts.contributionsByActorType;
  return (
    <Bar
      role="img"
      aria-label="Graphique : contributions par type d'acteur"
      data={{
        labels: rows.map((r) => actorTypeLabels[r.type as ActorType] ?? r.type),
        datasets: [
          { label: 'Contributions', data: rows.map((r) => r.contributions), backgroundColor: '#12b886', yAxisID: 'y' },
          { label: 'Valeur (€)', data: rows.map((r) => r.valueCents / 100), backgroundColor: '#228be6', yAxisID: 'y1' },
        ],
      }}
      options={{
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, position: 'left', title: { display: true, text: 'Contributions' } },
          y1: {
            beginAtZero: true,
            position: 'right',
            grid: { drawOnChartArea: false },
            title: { display: true, text: '€' },
          },
        },
        plugins: { legend: { position: 'bottom' } },
      }}
    />
  );
}

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
} from 'chart.js';
import { Chart } from 'react-chartjs-2';
import { formatEuros, formatPercent } from '../../i18n/format';
import { sourceKindLabels, type FundingSummary, type SourceKind } from './fundingApi';
import { ChartData as ChartTable } from '../../components/ChartData';

ChartJS.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

const KINDS: SourceKind[] = ['commune', 'actor', 'grant', 'own_revenue', 'other'];
const COLORS: Record<SourceKind | 'smicval', string> = {
  smicval: '#2f6f4f',
  commune: '#e0a526',
  actor: '#7a5195',
  grant: '#3d7ebf',
  own_revenue: '#d45087',
  other: '#9aa5b1',
};

/** Each project year's operating resources stacked by source, with the autonomy ratio as a line. */
export function ResourcesChart({ years }: { years: FundingSummary['years'] }) {
  const data: ChartData<'bar' | 'line', (number | null)[], string> = {
    labels: years.map((y) => `Année ${y.year}`),
    datasets: [
      {
        type: 'bar',
        label: 'Smicval (fonctionnement)',
        data: years.map((y) => y.smicvalOperatingCents / 100),
        backgroundColor: COLORS.smicval,
        stack: 'r',
        yAxisID: 'y',
      },
      ...KINDS.map((k) => ({
        type: 'bar' as const,
        label: sourceKindLabels[k],
        data: years.map((y) => y.bySourceKindCents[k] / 100),
        backgroundColor: COLORS[k],
        stack: 'r',
        yAxisID: 'y',
      })),
      {
        type: 'line',
        label: "Taux d'autonomie",
        data: years.map((y) => (y.autonomyRatio === null ? null : y.autonomyRatio * 100)),
        borderColor: '#111',
        backgroundColor: '#111',
        yAxisID: 'ratio',
        spanGaps: false,
      },
    ],
  };
  const options: ChartOptions<'bar' | 'line'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: {
      x: { stacked: true },
      y: { stacked: true, beginAtZero: true, title: { display: true, text: 'Ressources (€)' } },
      ratio: {
        position: 'right',
        min: 0,
        max: 100,
        grid: { drawOnChartArea: false },
        title: { display: true, text: "Taux d'autonomie (%)" },
      },
    },
    plugins: {
      tooltip: {
        callbacks: {
          label: (item) =>
            item.dataset.yAxisID === 'ratio'
              ? `${item.dataset.label} : ${formatPercent(Number(item.raw) / 100)}`
              : `${item.dataset.label} : ${formatEuros(Math.round(Number(item.raw) * 100))}`,
        },
      },
    },
  };
  return (
    <>
      <div style={{ position: 'relative', height: 320 }}>
        <Chart
          type="bar"
          role="img"
          aria-label="Graphique : ressources de fonctionnement par année et par source, avec le taux d'autonomie"
          data={data as ChartData<'bar', (number | null)[], string>}
          options={options as ChartOptions<'bar'>}
        />
      </div>
      <ChartTable
        caption="Ressources de fonctionnement par année et par source, et taux d'autonomie"
        columns={['Année', 'Smicval (fonctionnement)', ...KINDS.map((k) => sourceKindLabels[k]), "Taux d'autonomie"]}
        rows={years.map((y) => [
          `Année ${y.year}`,
          formatEuros(y.smicvalOperatingCents),
          ...KINDS.map((k) => formatEuros(y.bySourceKindCents[k])),
          y.autonomyRatio === null ? '—' : formatPercent(y.autonomyRatio),
        ])}
      />
    </>
  );
}

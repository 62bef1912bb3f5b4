import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  Tooltip,
  type ChartOptions,
} from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { formatPercent } from '../../i18n/format';
import type { PilotSummary } from './homeApi';
import { ChartData } from '../../components/ChartData';

ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** Pilots side by side: the autonomy ratio of the current project year and the change of residual waste per inhabitant. */
export function ComparisonChart({ pilots }: { pilots: PilotSummary[] }) {
  const options: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: { y: { title: { display: true, text: '%' } } },
    plugins: {
      legend: { position: 'bottom' },
      tooltip: {
        callbacks: {
          label: (c) =>
            c.raw === null
              ? `${c.dataset.label} : pas de donnée`
              : `${c.dataset.label} : ${String(c.raw).replace('.', ',')} %`,
        },
      },
    },
  };
  return (
    <>
      <div style={{ position: 'relative', height: Math.max(260, Math.min(480, 140 + pilots.length * 6)) }}>
        <Bar
          data-testid="comparison-chart"
          role="img"
          aria-label="Graphique : taux d'autonomie financière et évolution des ordures ménagères résiduelles par habitant, par projet pilote"
          data={{
            labels: pilots.map((p) => p.name),
            datasets: [
              {
                label: 'Taux d’autonomie financière (%)',
                data: pilots.map((p) => pct(p.autonomyRatio)),
                backgroundColor: '#2f9e44',
              },
              {
                label: 'Évolution des OMR par habitant (%)',
                data: pilots.map((p) => pct(p.residualChangeVsBaseline)),
                backgroundColor: '#e8590c',
              },
            ],
          }}
          options={options}
        />
      </div>
      <ChartData
        caption="Taux d'autonomie financière et évolution des OMR par habitant, par projet pilote"
        columns={['Projet pilote', 'Taux d’autonomie financière', 'Évolution des OMR par habitant']}
        rows={pilots.map((p) => [
          p.name,
          p.autonomyRatio === null ? '—' : formatPercent(p.autonomyRatio),
          p.residualChangeVsBaseline === null ? '—' : formatPercent(p.residualChangeVsBaseline),
        ])}
      />
    </>
  );
}

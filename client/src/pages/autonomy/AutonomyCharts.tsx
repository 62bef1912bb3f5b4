import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import type { Autonomy, References, WasteFigures } from './autonomyApi';
import { ChartData } from '../../components/ChartData';
import { formatNumber } from '../../i18n/format';

ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend);

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const kg = (v: number | null) => (v === null ? '—' : `${formatNumber(v)} kg`);

/** Autonomy ratio per project year against the milestones' targets; residual waste per inhabitant against the baseline and references. */
export function AutonomyCharts({
  autonomy,
  waste,
  references,
}: {
  autonomy: Autonomy;
  waste: WasteFigures | undefined;
  references: References | undefined;
}) {
  const years = autonomy.indicators.years;
  const targets = autonomy.milestones.filter((m) => m.target?.indicator === 'autonomyRatio' && m.status !== 'dropped');
  const targetByYear = years.map((y) => {
    const t = targets.find((m) => m.target?.year === y.year);
    return t?.target ? Math.round(t.target.value * 1000) / 10 : null;
  });

  const wasteYears = waste?.years ?? [];
  const baseline = wasteYears.find((y) => y.year === waste?.baselineYear)?.kgPerInhabitant.residual ?? null;
  const national = references?.references.find((r) => r.key === 'nationalResidualKgPerInhabitant');

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          Taux d’autonomie financière par année
        </Title>
        <Bar
          aria-label="Graphique : taux d'autonomie financière par année de projet, comparé aux cibles des jalons"
          role="img"
          data={{
            labels: years.map((y) => `Année ${y.year}`),
            datasets: [
              {
                type: 'bar' as const,
                label: 'Taux d’autonomie (%)',
                data: years.map((y) => pct(y.values.autonomyRatio)),
                backgroundColor: '#2f9e44',
              },
              {
                type: 'bar' as const,
                label: 'Cible des jalons (%)',
                data: targetByYear,
                backgroundColor: 'rgba(0,0,0,0.15)',
                borderColor: '#495057',
                borderWidth: 1,
              },
            ],
          }}
          options={{
            scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } } },
            plugins: { legend: { position: 'bottom' } },
          }}
        />
        <ChartData
          caption="Autonomie financière (taux et cible des jalons) pour chaque année de projet"
          columns={['Année', 'Taux d’autonomie', 'Cible des jalons']}
          rows={years.map((y, i) => [
            `Année ${y.year}`,
            y.values.autonomyRatio === null ? '—' : `${String(pct(y.values.autonomyRatio)).replace('.', ',')} %`,
            targetByYear[i] === null ? '—' : `${String(targetByYear[i]).replace('.', ',')} %`,
          ])}
        />
        <Text size="xs" c="dimmed" mt="xs">
          Part des ressources de fonctionnement ne venant pas de Smicval, d’après le registre financier.
        </Text>
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          Ordures ménagères résiduelles par habitant
        </Title>
        <Line
          aria-label="Graphique : ordures ménagères résiduelles par habitant et par an, comparées à l'année de référence et à la moyenne nationale"
          role="img"
          data={{
            labels: wasteYears.map((y) => String(y.year)),
            datasets: [
              {
                label: 'Territoire (kg/hab./an)',
                data: wasteYears.map((y) => y.kgPerInhabitant.residual),
                borderColor: '#1971c2',
                backgroundColor: '#1971c2',
              },
              ...(baseline !== null
                ? [
                    {
                      label: `Année de référence ${waste?.baselineYear}`,
                      data: wasteYears.map(() => baseline),
                      borderColor: '#868e96',
                      borderDash: [6, 4],
                      pointRadius: 0,
                    },
                  ]
                : []),
              ...(national
                ? [
                    {
                      label: `Moyenne nationale ${national.year}`,
                      data: wasteYears.map(() => national.value),
                      borderColor: '#e8590c',
                      borderDash: [2, 3],
                      pointRadius: 0,
                    },
                  ]
                : []),
            ],
          }}
          options={{
            scales: { y: { min: 0, title: { display: true, text: 'kg/hab./an' } } },
            plugins: { legend: { position: 'bottom' } },
          }}
        />
        <ChartData
          caption="Kilogrammes d’ordures ménagères résiduelles par habitant, année par année"
          columns={[
            'Année',
            'Territoire',
            ...(baseline !== null ? [`Année de référence ${waste?.baselineYear}`] : []),
            ...(national ? [`Moyenne nationale ${national.year}`] : []),
          ]}
          rows={wasteYears.map((y) => [
            String(y.year),
            kg(y.kgPerInhabitant.residual),
            ...(baseline !== null ? [kg(baseline)] : []),
            ...(national ? [kg(national.value)] : []),
          ])}
        />
        {national && (
          <Text size="xs" c="dimmed" mt="xs">
            Moyenne nationale : {national.source}.
          </Text>
        )}
      </Paper>
    </SimpleGrid>
  );
}

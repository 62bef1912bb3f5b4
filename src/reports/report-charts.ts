import type { ChartConfiguration } from 'chart.js';
import { existsSync } from 'node:fs';
import { label } from '../common/labels-fr';
import { canvasLib, chartLib } from './report-libs';
import type { ReportSnapshot } from './report.types';

/** Fixed size, fixed font, no animation, no device pixel ratio guess: the same data draws the same PNG. */
const WIDTH = 900;
const HEIGHT = 420;
const FONT_FAMILY = 'ReportSans';
const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
];
const COLORS = ['#2f7d4f', '#d9822b', '#3b6ea5', '#9a3b12', '#7a9e3b', '#6d4c8d', '#c2a83e', '#5b6b70'];

let ready = false;
function setup(): void {
  if (ready) return;
  const { Chart, registerables } = chartLib();
  const { GlobalFonts } = canvasLib();
  Chart.register(...registerables);
  // One bundled system font under a fixed family name, whatever else the machine has installed.
  const file = FONT_FILES.find((f) => existsSync(f));
  if (file) GlobalFonts.registerFromPath(file, FONT_FAMILY);
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.font.size = 14;
  Chart.defaults.color = '#1f2a30';
  Chart.defaults.animation = false;
  Chart.defaults.responsive = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.devicePixelRatio = 1;
  Chart.defaults.locale = 'fr-FR';
  ready = true;
}

/** Draws one chart and returns it as a PNG data URI. */
export function drawChart(config: ChartConfiguration): string {
  setup();
  const { Chart } = chartLib();
  const canvas = canvasLib().createCanvas(WIDTH, HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  // Chart.js draws on any 2D context; @napi-rs/canvas implements the one it needs.
  const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], config);
  try {
    return `data:image/png;base64,${canvas.toBuffer('image/png').toString('base64')}`;
  } finally {
    chart.destroy();
  }
}

const euroAxis = {
  ticks: { callback: (v: string | number) => `${Math.round(Number(v) / 100).toLocaleString('fr-FR')} €` },
};

/** The report's charts, from the snapshot only; a missing section has no chart. */
export function renderCharts(snapshot: ReportSnapshot): Record<string, string | null> {
  const charts: Record<string, string | null> = { funding: null, activities: null, waste: null, wave: null };
  if (snapshot.kind === 'final') return charts;
  if (snapshot.kind === 'wave') {
    if (snapshot.pilots.length > 0) {
      charts.wave = drawChart({
        type: 'bar',
        data: {
          labels: snapshot.pilots.map((p) => p.name),
          datasets: [
            {
              label: 'Versé',
              data: snapshot.pilots.map((p) => p.keyFigures.disbursedCents ?? 0),
              backgroundColor: COLORS[0],
            },
            {
              label: 'Dépenses',
              data: snapshot.pilots.map((p) => p.keyFigures.expensesCents ?? 0),
              backgroundColor: COLORS[1],
            },
            {
              label: 'Cofinancements',
              data: snapshot.pilots.map((p) => p.keyFigures.cofinancingCents ?? 0),
              backgroundColor: COLORS[2],
            },
          ],
        },
        options: { scales: { y: euroAxis } },
      });
    }
    return charts;
  }
  const { funding, activities, waste } = snapshot.sections;
  if (funding.available) {
    const funds = ['investment', 'operating'] as const;
    charts.funding = drawChart({
      type: 'bar',
      data: {
        labels: funds.map((f) => label('fund', f)),
        datasets: [
          { label: 'Droits', data: funds.map((f) => funding.balances[f].entitledCents), backgroundColor: COLORS[2] },
          { label: 'Versé', data: funds.map((f) => funding.balances[f].disbursedCents), backgroundColor: COLORS[0] },
          { label: 'Dépensé', data: funds.map((f) => funding.balances[f].spentCents), backgroundColor: COLORS[1] },
        ],
      },
      options: { scales: { y: euroAxis } },
    });
  }
  if (activities.available && activities.byType.length > 0) {
    charts.activities = drawChart({
      type: 'bar',
      data: {
        labels: activities.byType.map((t) => label('activityType', t.type)),
        datasets: [
          { label: 'Activités', data: activities.byType.map((t) => t.count), backgroundColor: COLORS[0], yAxisID: 'y' },
          {
            label: 'Participations',
            data: activities.byType.map((t) => t.participants),
            backgroundColor: COLORS[1],
            yAxisID: 'y1',
          },
        ],
      },
      options: {
        scales: {
          y: { position: 'left', beginAtZero: true },
          y1: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } },
        },
      },
    });
  }
  if (waste.available && waste.years.length > 0) {
    // Only comparable bars: residual waste beside the national residual figure, the pilot's total of reported
    // streams beside the national household waste (DMA); never a stacked total beside a single stream.
    const groups = [
      { key: 'residual', name: 'OMR' },
      { key: 'total', name: 'Total des flux déclarés' },
    ] as const;
    const refOf = (key: string) => waste.references.find((r) => r.compares === key);
    const datasets: { label: string; data: (number | null)[]; backgroundColor: string }[] = waste.years.map((y, i) => {
      const kg: Record<string, number> = y.kgPerInhabitant;
      return {
        label: String(y.year),
        data: groups.map((g) => kg[g.key] ?? null),
        backgroundColor: COLORS[i % COLORS.length],
      };
    });
    if (waste.references.length > 0) {
      const years = [...new Set(waste.references.map((r) => r.year))].join(', ');
      datasets.push({
        label: `Moyenne nationale (${years})`,
        data: groups.map((g) => refOf(g.key)?.kgPerInhabitant ?? null),
        backgroundColor: '#5b6b70',
      });
    }
    charts.waste = drawChart({
      type: 'bar',
      data: { labels: groups.map((g) => g.name), datasets },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'kg par habitant et par an' } } } },
    });
  }
  return charts;
}

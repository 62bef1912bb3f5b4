import { targetVerdict } from '../autonomy/milestones';
import { label } from '../common/labels-fr';
import type {
  ActivitiesSection,
  ActorsSection,
  AutonomySection,
  FinalSnapshot,
  FundingSection,
  PilotSnapshot,
  WasteSection,
} from './report.types';

/**
 * What the PDF shows of lists that grow with the data: totals by month, by fund, by kind and the top items,
 * never the whole list (it stays in the XLSX annex). So a report keeps the same few pages at any volume.
 */
export const PDF_TOP_ITEMS = 10;
/** A list up to this length is printed whole; a longer one is summarised. */
export const PDF_FULL_LIST_MAX = 15;

export type MonthRow = {
  month: string;
  count: number;
  participants: number;
  volunteers: number;
  volunteerHours: number;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Activities of the period by calendar month (sums are exact; hours rounded to the hundredth, as entered). */
export function activitiesByMonth(list: ActivitiesSection['list']): MonthRow[] {
  const months = new Map<string, MonthRow>();
  for (const a of list) {
    const month = a.date.slice(0, 7);
    const m = months.get(month) ?? { month, count: 0, participants: 0, volunteers: 0, volunteerHours: 0 };
    m.count += 1;
    m.participants += a.participants;
    m.volunteers += a.volunteers;
    m.volunteerHours = round2(m.volunteerHours + a.volunteerHours);
    months.set(month, m);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** The activities with the most participants (ties: earlier first, then by title). */
export function topActivities(list: ActivitiesSection['list'], n = PDF_TOP_ITEMS): ActivitiesSection['list'] {
  return [...list]
    .sort(
      (a, b) => b.participants - a.participants || a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'fr'),
    )
    .slice(0, n);
}

export type DisbursementMonth = { month: string; investmentCents: number; operatingCents: number; count: number };

export function disbursementsByMonth(list: FundingSection['disbursements']): DisbursementMonth[] {
  const months = new Map<string, DisbursementMonth>();
  for (const d of list) {
    const month = d.date.slice(0, 7);
    const m = months.get(month) ?? { month, investmentCents: 0, operatingCents: 0, count: 0 };
    if (d.fund === 'investment') m.investmentCents += d.amountCents;
    else m.operatingCents += d.amountCents;
    m.count += 1;
    months.set(month, m);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

type SourceRow = FundingSection['cofinancingBySource'][number];

/** The largest sources, the others gathered in one row so the printed table stays short. */
export function topSources(
  rows: SourceRow[],
  n = PDF_TOP_ITEMS,
): { rows: SourceRow[]; others: { count: number; amountCents: number } | null } {
  if (rows.length <= PDF_FULL_LIST_MAX) return { rows, others: null };
  const rest = rows.slice(n);
  return {
    rows: rows.slice(0, n),
    others: { count: rest.length, amountCents: rest.reduce((a, r) => a + r.amountCents, 0) },
  };
}

export type ContributionKindRow = { kind: string; count: number; valueCents: number; hours: number };

export function contributionsByKind(list: ActorsSection['contributions']): ContributionKindRow[] {
  const kinds = new Map<string, ContributionKindRow>();
  for (const c of list) {
    const k = kinds.get(c.kind) ?? { kind: c.kind, count: 0, valueCents: 0, hours: 0 };
    k.count += 1;
    k.valueCents += c.valueCents ?? 0;
    k.hours = round2(k.hours + (c.hours ?? 0));
    kinds.set(c.kind, k);
  }
  return [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

export function topContributions(
  list: ActorsSection['contributions'],
  n = PDF_TOP_ITEMS,
): ActorsSection['contributions'] {
  return [...list]
    .sort(
      (a, b) =>
        (b.valueCents ?? 0) - (a.valueCents ?? 0) ||
        (b.hours ?? 0) - (a.hours ?? 0) ||
        a.actor.localeCompare(b.actor, 'fr'),
    )
    .slice(0, n);
}

export function topActors(list: ActorsSection['list'], n = PDF_TOP_ITEMS * 2): ActorsSection['list'] {
  if (list.length <= PDF_FULL_LIST_MAX * 2) return list;
  return [...list].sort((a, b) => b.contributions - a.contributions || a.name.localeCompare(b.name, 'fr')).slice(0, n);
}

/** The waste comparison, like for like: each reference beside the pilot's figure of the same scope. */
export function wasteComparisons(
  w: WasteSection,
): { what: string; pilot: { year: number; value: number } | null; reference: WasteSection['references'][number] }[] {
  const last = (key: string) => {
    const y = [...w.years].reverse().find((x) => typeof x.kgPerInhabitant[key] === 'number');
    return y ? { year: y.year, value: y.kgPerInhabitant[key] } : null;
  };
  const streams = w.reportedStreams.map((s) => label('wasteStream', s)).join(', ');
  return w.references.map((reference) => ({
    what:
      reference.compares === 'residual'
        ? 'Ordures ménagères résiduelles (OMR)'
        : `Total des flux déclarés par le territoire (${streams || 'aucun'})`,
    pilot: last(reference.compares),
    reference,
  }));
}

/** Everything the templates print beyond the snapshot itself: summaries of long lists and verdicts. */
export function pilotView(s: PilotSnapshot) {
  const a = s.sections.activities.available ? s.sections.activities : null;
  const f = s.sections.funding.available ? s.sections.funding : null;
  const ac = s.sections.actors.available ? s.sections.actors : null;
  const w = s.sections.waste.available ? s.sections.waste : null;
  const au = s.sections.autonomy.available ? s.sections.autonomy : null;
  const cofinancing = f ? topSources(f.cofinancingBySource) : null;
  const inKind = f ? topSources(f.inKindBySource) : null;
  const actors = ac ? topActors(ac.list) : [];
  const contributions = ac
    ? ac.contributions.length <= PDF_FULL_LIST_MAX
      ? ac.contributions
      : topContributions(ac.contributions)
    : [];
  return {
    activities: a
      ? {
          byMonth: activitiesByMonth(a.list),
          top: topActivities(a.list),
          total: a.list.length,
        }
      : null,
    disbursements: f
      ? {
          full: f.disbursements.length <= PDF_FULL_LIST_MAX,
          byMonth: disbursementsByMonth(f.disbursements),
          total: f.disbursements.length,
        }
      : null,
    cofinancing,
    inKind,
    actors: ac ? { rows: actors, omitted: ac.list.length - actors.length } : null,
    contributions: ac
      ? {
          rows: contributions,
          byKind: contributionsByKind(ac.contributions),
          omitted: ac.contributions.length - contributions.length,
          total: ac.contributions.length,
        }
      : null,
    waste: w
      ? { comparisons: wasteComparisons(w), streams: w.reportedStreams.map((st) => label('wasteStream', st)) }
      : null,
    milestones: au
      ? au.milestones.map((m) => ({
          ...m,
          verdict: m.target ? label('targetVerdict', targetVerdict({ met: m.targetMet, final: m.targetFinal })) : null,
        }))
      : [],
  };
}

function withVerdicts(milestones: AutonomySection['milestones']) {
  return milestones.map((m) => ({
    ...m,
    verdict: m.target ? label('targetVerdict', targetVerdict({ met: m.targetMet, final: m.targetFinal })) : null,
  }));
}

/** The final report's derived rows: waste per calendar year against the baseline, milestones with their verdicts. */
export function finalView(s: FinalSnapshot) {
  const w = s.waste.available ? s.waste : null;
  const milestones = s.milestones.available ? s.milestones.items : [];
  return {
    streams: w ? w.reportedStreams.map((st) => label('wasteStream', st)) : [],
    references: w?.references ?? [],
    wasteYears: w
      ? w.years.map((y) => ({
          year: y.year,
          baseline: y.year === w.baselineYear,
          population: y.population,
          residual: y.kgPerInhabitant.residual ?? null,
          total: y.kgPerInhabitant.total ?? null,
          change: y.residualChangeVsBaseline,
        }))
      : [],
    milestones: withVerdicts(milestones),
    milestonesWithTarget: milestones.filter((m) => m.target).length,
    milestonesMet: milestones.filter((m) => m.target && m.targetMet === true).length,
  };
}

import { Injectable } from '@nestjs/common';
import { ActivitiesService } from '../activities/activities.service';
import { ActorsService } from '../actors/actors.service';
import { SYSTEM_CONTEXT } from '../auth/auth.types';
import { ACTOR_TYPES, todayInFrance } from '../common/codes';
import { AutonomyService } from '../autonomy/autonomy.service';
import { FundingService } from '../funding/funding.service';
import { FundingSpending } from '../funding/spending.service';
import { FUNDS } from '../funding/entitlements';
import { PilotsService } from '../pilots/pilots.service';
import { IssuedReports } from '../reports/issued-reports.service';
import { WasteService } from '../waste/waste.service';
import type { ActivityFigures } from '../activities/activities.types';
import { dataPath, pagePath } from './publication.service';
import { licenceOf, Publication, PublicActivityFigures, PublicPilotData, PublicPilotEntry } from './publication.types';

export const PUBLISHER = 'Smicval — programme Projet K';

/** Integer cents → euros as a number (two decimals at most), for readers that want euros. */
export const toEuros = (cents: number): number => Math.round(cents) / 100;

const activityFigures = (f: ActivityFigures): PublicActivityFigures => ({
  activities: f.activities,
  participants: f.participants,
  volunteerHours: f.volunteerHours,
  divertedKg: { ...f.divertedKg },
});

const RECENT_ACTIVITIES = 5;

/**
 * Everything a published pilot shows the public, gathered from the services its own pages use (pilot record,
 * funding summary, spending by category, activities overview, waste figures, autonomy roadmap, consenting actors,
 * issued reports). Nothing here computes a figure: it picks, renames and adds the euro twin of each amount. No
 * person appears: no user, member, expert, owner, supplier, contact, receipt or note is ever read into it.
 */
@Injectable()
export class PublicFigures {
  constructor(
    private readonly pilots: PilotsService,
    private readonly funding: FundingService,
    private readonly spending: FundingSpending,
    private readonly activities: ActivitiesService,
    private readonly actors: ActorsService,
    private readonly waste: WasteService,
    private readonly autonomy: AutonomyService,
    private readonly reports: IssuedReports,
  ) {}

  async entry(pub: Publication, baseUrl: string): Promise<PublicPilotEntry> {
    const p = await this.pilots.get(SYSTEM_CONTEXT, pub.pilotId);
    return {
      slug: pub.slug,
      name: p.name,
      communes: p.communes.map((c) => c.name),
      inhabitants: p.inhabitantsInForce,
      stage: p.stage,
      startDate: p.startDate,
      publishedAt: pub.publishedAt,
      licence: licenceOf(pub.licence),
      pageUrl: new URL(pagePath(pub.slug), baseUrl).toString(),
      dataUrl: new URL(dataPath(pub.slug), baseUrl).toString(),
    };
  }

  async of(pub: Publication, baseUrl: string): Promise<PublicPilotData> {
    const id = pub.pilotId;
    const [p, summary, byCategory, overview, recent, actors, named, waste, roadmap, reports] = await Promise.all([
      this.pilots.get(SYSTEM_CONTEXT, id),
      this.funding.summary(id),
      this.spending.byCategory(id),
      this.activities.overview(id),
      this.activities.list(id, { to: todayInFrance(), limit: RECENT_ACTIVITIES }),
      this.actors.list(id),
      this.actors.consenting(id),
      this.waste.figures(id),
      this.autonomy.roadmap(id),
      pub.includeReports ? this.reports.list(id) : Promise.resolve([]),
    ]);
    const t = summary.totals;
    const done = roadmap.milestones.filter((m) => m.status === 'done');
    return {
      schemaVersion: 1,
      slug: pub.slug,
      pageUrl: new URL(pagePath(pub.slug), baseUrl).toString(),
      dataUrl: new URL(dataPath(pub.slug), baseUrl).toString(),
      licence: licenceOf(pub.licence),
      publisher: PUBLISHER,
      publishedAt: pub.publishedAt,
      asOf: summary.asOf,
      pilot: {
        name: p.name,
        communes: p.communes.map((c) => ({ name: c.name, inseeCode: c.inseeCode ?? null })),
        inhabitants: p.inhabitantsInForce,
        waveYear: p.waveYear,
        startDate: p.startDate,
        programmeEnd: p.programmeEnd,
        currentProjectYear: p.currentProjectYear,
        status: p.status,
        stage: p.stage,
        policies: [...p.policies],
      },
      actors: {
        total: actors.length,
        byType: ACTOR_TYPES.map((type) => ({ type, actors: actors.filter((a) => a.type === type).length })),
        named,
      },
      funding: {
        inhabitants: summary.inhabitants,
        entitledCents: t.entitledCents,
        entitledEuros: toEuros(t.entitledCents),
        disbursedCents: t.disbursedCents,
        disbursedEuros: toEuros(t.disbursedCents),
        spentCents: t.spentCents,
        spentEuros: toEuros(t.spentCents),
        cofinancingCents: t.cofinancingCents,
        cofinancingEuros: toEuros(t.cofinancingCents),
        inKindCents: t.inKindCents,
        inKindEuros: toEuros(t.inKindCents),
        funds: FUNDS.map((fund) => {
          const b = summary.balances[fund];
          return {
            fund,
            entitledCents: b.entitledCents,
            entitledEuros: toEuros(b.entitledCents),
            disbursedCents: b.disbursedCents,
            disbursedEuros: toEuros(b.disbursedCents),
            spentCents: b.spentCents,
            spentEuros: toEuros(b.spentCents),
          };
        }),
        spentByCategory: byCategory.map((c) => ({
          category: c.category,
          spentCents: c.totalCents,
          spentEuros: toEuros(c.totalCents),
        })),
        years: summary.years.map((y) => ({
          year: y.year,
          operatingResourcesCents: y.operatingResourcesCents,
          operatingResourcesEuros: toEuros(y.operatingResourcesCents),
          smicvalOperatingCents: y.smicvalOperatingCents,
          smicvalOperatingEuros: toEuros(y.smicvalOperatingCents),
          cofinancingCents: y.cofinancingCents,
          cofinancingEuros: toEuros(y.cofinancingCents),
          inKindCents: y.inKindCents,
          inKindEuros: toEuros(y.inKindCents),
          spentCents: y.spentCents,
          spentEuros: toEuros(y.spentCents),
          autonomyRatio: y.autonomyRatio,
        })),
      },
      activities: {
        total: activityFigures(overview.total.figures),
        years: overview.years.map((y) => ({
          year: y.year as number,
          from: y.from,
          to: y.to,
          ...activityFigures(y.figures),
        })),
        byType: overview.total.figures.byType.map((b) => ({ ...b })),
        recent: recent.items.map((a) => ({
          date: a.date,
          title: a.title,
          type: a.type,
          participants: a.participants,
          divertedKg: a.divertedKg.total,
        })),
      },
      waste: {
        baselineYear: waste.baselineYear,
        years: waste.years.map((w) => ({
          year: w.year,
          population: w.population,
          kgPerInhabitant: { ...w.kgPerInhabitant },
          residualChangeVsBaseline: w.residualChangeVsBaseline,
        })),
      },
      milestones: {
        total: roadmap.milestones.filter((m) => m.status !== 'dropped').length,
        done: done.length,
        met: done.map((m) => ({
          title: m.title,
          dueDate: m.dueDate,
          completedOn: m.completedAt ? todayInFrance(new Date(m.completedAt)) : null,
          targetMet: m.targetMet,
        })),
      },
      reports: reports.map((r) => ({
        id: r.id,
        title: r.title,
        kind: r.kind,
        year: r.year,
        audience: r.audience,
        version: r.version,
        issuedAt: r.issuedAt,
        pdfUrl: new URL(`${dataPath(pub.slug)}/reports/${r.id}/pdf`, baseUrl).toString(),
        pdfBytes: r.pdfBytes,
        pdfSha256: r.pdfSha256,
      })),
    };
  }
}

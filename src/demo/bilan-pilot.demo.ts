import { ActivitiesService } from '../activities/activities.service';
import { titled } from '../activities/activities.demo';
import { ActorsService } from '../actors/actors.service';
import { ActorLinksService } from '../actors/actor-links.service';
import { AutonomyService } from '../autonomy/autonomy.service';
import { MilestonesService } from '../autonomy/milestones.service';
import type { ActivityType, ActorType, Policy } from '../common/codes';
import { todayInFrance } from '../common/codes';
import { FundingService } from '../funding/funding.service';
import type { LedgerEntryInput } from '../funding/ledger-entries';
import { LedgerWritesService } from '../funding/ledger-writes.service';
import { addDays, addYears, programmeEnd } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import { WasteService } from '../waste/waste.service';
import { demoBilanStart } from '../demo-kit/demo-calendar';
import type { DemoSeeder } from '../demo-kit/demo.types';

const INHABITANTS = 1050;

const ACTORS: { key: string; name: string; type: ActorType; description: string }[] = [
  { key: 'mairie', name: 'Mairie de Tizac-de-Curton', type: 'public', description: 'Porteuse du projet.' },
  {
    key: 'ressourcerie',
    name: 'La Ressourcerie des Coteaux',
    type: 'associative',
    description: 'Boutique de réemploi, collectes, ateliers de réparation.',
  },
  { key: 'cave', name: 'Cave coopérative de Curton', type: 'private', description: 'Consigne des bouteilles.' },
  { key: 'habitants', name: 'Les Voisins Zéro Déchet', type: 'citizen', description: 'Collectif d’habitants.' },
];

/** One quarter's pair of activities, repeated over the three years with participation growing. */
const SEASON: {
  title: string;
  type: ActivityType;
  policies: Policy[];
  participants: number;
  volunteers: number;
  hours: number;
  actors: string[];
  kg: Partial<Record<'reuse' | 'repair' | 'compost' | 'recycling' | 'other', number>>;
}[] = [
  {
    title: 'Repair café {mois}',
    type: 'repair_cafe',
    policies: ['waste_reduction', 'social_inclusion'],
    participants: 14,
    volunteers: 4,
    hours: 16,
    actors: ['ressourcerie', 'habitants'],
    kg: { repair: 22 },
  },
  {
    title: 'Collecte de réemploi {mois}',
    type: 'collection',
    policies: ['waste_reduction'],
    participants: 30,
    volunteers: 5,
    hours: 20,
    actors: ['ressourcerie', 'mairie'],
    kg: { reuse: 180, recycling: 40 },
  },
];

/** Calendar-year tonnages: the baseline year, then residual waste falling year after year. */
const RESIDUAL_TONNES = [252, 246, 231, 214, 205];

/**
 * The second demo pilot, whose three years ended a few months before the day of seeding: « bilan » stage, with
 * the final report and the lead's closing decision due. Its life is in proportion to the first one's: actors,
 * two activities a quarter, the Smicval instalments paid and spent, co-financing growing year after year, waste
 * tonnages and the roadmap's milestones done.
 */
export const seedBilanPilotDemo: DemoSeeder = async (refs) => {
  const pilots = refs.app.get(PilotsService);
  const ctx = refs.lead;
  const today = todayInFrance();
  const start = demoBilanStart(today);
  const pilot = await pilots.create(ctx, {
    name: 'Tizac-de-Curton — la ressourcerie des coteaux',
    communes: [{ name: 'Tizac-de-Curton', inseeCode: '33532' }],
    inhabitants: INHABITANTS,
    inhabitantsSource: 'INSEE, population municipale',
    startDate: start,
    status: 'running',
    waveYear: Number(start.slice(0, 4)),
    policies: ['social_inclusion', 'village_revitalisation'],
    place: 'Ancien chai communal',
  });
  const pilotId = pilot.id;
  const end = programmeEnd(start, 3)!;

  const actors = refs.app.get(ActorsService);
  const ids = new Map<string, string>();
  for (const a of ACTORS)
    ids.set(a.key, (await actors.create(ctx, pilotId, { name: a.name, type: a.type, description: a.description })).id);
  for (const year of [1, 2, 3])
    await actors.createContribution(ctx, pilotId, {
      actorId: ids.get('mairie')!,
      kind: 'land',
      description: `Mise à disposition de l’ancien chai, année ${year}`,
      valueCents: 480000,
      hours: null,
      year,
    });
  await refs.app.get(ActorLinksService).createLink(ctx, pilotId, {
    fromActorId: ids.get('ressourcerie')!,
    toActorId: ids.get('habitants')!,
    nature: 'Bénévoles des ateliers de réparation',
  });

  const activities = refs.app.get(ActivitiesService);
  for (let quarter = 0; quarter < 12; quarter++) {
    for (const [i, a] of SEASON.entries()) {
      const date = addDays(start, 20 + quarter * 91 + i * 35);
      if (date > end || date > today) continue;
      const growth = 1 + quarter / 8;
      await activities.create(ctx, pilotId, {
        date,
        title: titled(a.title, date),
        type: a.type,
        policies: a.policies,
        participants: Math.round(a.participants * growth),
        volunteers: a.volunteers,
        volunteerHours: a.hours,
        actorIds: a.actors.map((k) => ids.get(k)!),
        divertedKg: Object.fromEntries(Object.entries(a.kg).map(([k, v]) => [k, Math.round(v * growth)])),
        notes: null,
      });
    }
  }

  const funding = refs.app.get(FundingService);
  const { entitlements } = await funding.summary(pilotId);
  const due = (fund: 'investment' | 'operating', year: number) =>
    entitlements.find((e) => e.fund === fund && e.year === year)?.amountCents ?? 0;
  const ledger = refs.app.get(LedgerWritesService);
  const add = (input: LedgerEntryInput) => ledger.create(ctx, pilotId, input);
  await add({
    type: 'disbursement',
    fund: 'investment',
    year: 1,
    amountCents: due('investment', 1),
    date: addDays(start, 15),
    reference: `MANDAT-TIZAC-INV`,
    description: 'Fonds d’investissement (80 € × habitants)',
  });
  for (const year of [1, 2, 3]) {
    const yearStart = addYears(start, year - 1);
    await add({
      type: 'disbursement',
      fund: 'operating',
      year,
      amountCents: due('operating', year),
      date: addDays(yearStart, 15),
      reference: `MANDAT-TIZAC-FCT-${year}`,
      description: `Fonds de fonctionnement, année ${year}`,
    });
    await add({
      type: 'expense',
      fund: 'operating',
      year,
      amountCents: Math.round(due('operating', year) * 0.9),
      date: addDays(yearStart, 200),
      reference: `CONV-ANIM-TIZAC-${year}`,
      category: 'staff',
      supplier: 'La Ressourcerie des Coteaux',
      description: `Animation de la ressourcerie, année ${year}`,
    });
    // The commune and the shop's sales carry more of the running costs each year: the road to autonomy.
    await add({
      type: 'cofinancing',
      year,
      amountCents: 4_000_00 * year,
      date: addDays(yearStart, 120),
      reference: `DELIB-TIZAC-${year}`,
      source: 'Budget communal',
      sourceKind: 'commune',
    });
    await add({
      type: 'cofinancing',
      year,
      amountCents: 1_500_00 * year * year,
      date: addDays(yearStart, 330),
      reference: `CAISSE-RESSOURCERIE-${year}`,
      source: 'Ventes de la ressourcerie',
      sourceKind: 'own_revenue',
    });
  }
  await add({
    type: 'expense',
    fund: 'investment',
    year: 1,
    amountCents: Math.round(due('investment', 1) * 0.95),
    date: addDays(start, 90),
    reference: 'FAC-CHAI-001',
    category: 'works',
    supplier: 'SARL Charpentes des Coteaux',
    description: 'Aménagement de l’ancien chai en ressourcerie',
  });

  const waste = refs.app.get(WasteService);
  const thisYear = Number(today.slice(0, 4));
  const baseline = Number(start.slice(0, 4)) - 1;
  for (const [i, residual] of RESIDUAL_TONNES.entries()) {
    const year = baseline + i;
    if (year >= thisYear) break;
    await waste.put(ctx, pilotId, year, {
      tonnes: {
        residual,
        packaging: 55 + i * 2,
        glass: 36,
        biowaste: i === 0 ? null : 4 * i,
        recyclingCentre: 220 - i * 4,
        reuse: 1 + i * 3,
      },
    });
  }

  const autonomy = refs.app.get(AutonomyService);
  const milestonesService = refs.app.get(MilestonesService);
  const { milestones } = await autonomy.autonomy(ctx, pilotId);
  for (const m of milestones)
    if (m.dueDate < today)
      await milestonesService.updateMilestone(ctx, m.id, {
        status: 'done',
        evidence: { text: `Atteint avant le ${m.dueDate} — compte rendu transmis à Smicval.` },
      });
  return { bilanPilotId: pilotId };
};

import type { PilotSnapshot, WaveSnapshot } from '../../src/reports/report.types';

/** A realistic year-1 snapshot of a 1 500-inhabitant pilot, for renderer specs and the benchmark. */
export function pilotSnapshotFixture(overrides: Partial<PilotSnapshot> = {}): PilotSnapshot {
  const activitiesList = Array.from({ length: 40 }, (_, i) => ({
    date: `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    title: `Atelier ${i + 1} — réparer plutôt que jeter`,
    type: ['workshop', 'repair_cafe', 'event', 'collection'][i % 4],
    policies: ['waste_reduction', ...(i % 3 === 0 ? ['education'] : [])],
    participants: 10 + (i % 7) * 5,
    volunteers: 2 + (i % 3),
    volunteerHours: 6 + (i % 5),
    participationLevel: 'concertation',
  }));
  return {
    schema: 1,
    kind: 'pilot',
    audience: 'ademe',
    version: 1,
    year: 1,
    period: { from: '2024-01-15', to: '2025-01-14' },
    asOf: '2025-01-20',
    pilot: {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Saint-Genès-de-Lombaud',
      communes: ['Saint-Genès-de-Lombaud', 'Haux'],
      inhabitants: 1500,
      startDate: '2024-01-15',
      status: 'running',
      district: 'Centre-bourg',
      place: 'Ancienne poste',
      policies: ['waste_reduction', 'education', 'village_revitalisation'],
      lead: 'Camille Laporte',
      experts: ["Anne Morel (COOP'TER)"],
      waveYear: 2023,
    },
    narrative: {
      highlights: 'Ouverture de la ressourcerie.\n\nPremier repair café mensuel : <b>fort succès</b>.',
      difficulties: 'Recrutement du coordinateur plus long que prévu.',
      outlook: "Ouvrir un second lieu et viser 30 % d'autonomie en année 2.",
    },
    keyFigures: {
      inhabitants: 1500,
      yearEntitledCents: 15_000_000,
      disbursedCents: 15_000_000,
      expensesCents: 8_234_567,
      cofinancingCents: 1_200_000,
      inKindCents: 450_050,
      autonomyRatio: 0.3548,
      activities: 40,
      participants: 1000,
      volunteerHours: 320,
      actors: 12,
      contributions: 3,
      residualKgPerInhabitant: 198.4,
      residualChangeVsBaseline: -0.082,
      wasteYear: 2024,
    },
    sections: {
      funding: {
        available: true,
        inhabitants: 1500,
        entitlements: [
          { fund: 'investment', year: 1, amountCents: 12_000_000 },
          { fund: 'operating', year: 1, amountCents: 3_000_000 },
          { fund: 'operating', year: 2, amountCents: 3_000_000 },
          { fund: 'operating', year: 3, amountCents: 3_000_000 },
        ],
        yearEntitledCents: 15_000_000,
        disbursements: [
          { fund: 'investment', date: '2024-02-01', reference: 'MANDAT-2024-0012', amountCents: 12_000_000 },
          { fund: 'operating', date: '2024-02-01', reference: 'MANDAT-2024-0013', amountCents: 3_000_000 },
        ],
        disbursedByFund: { investment: 12_000_000, operating: 3_000_000 },
        disbursedCents: 15_000_000,
        expensesByCategory: [
          { category: 'equipment', investmentCents: 4_000_000, operatingCents: 0, totalCents: 4_000_000 },
          { category: 'staff', investmentCents: 0, operatingCents: 2_234_567, totalCents: 2_234_567 },
          { category: 'works', investmentCents: 2_000_000, operatingCents: 0, totalCents: 2_000_000 },
        ],
        expensesCents: 8_234_567,
        cofinancingBySource: [{ source: 'Commune de Haux', sourceKind: 'commune', amountCents: 1_200_000 }],
        cofinancingCents: 1_200_000,
        inKindBySource: [{ source: 'Association Les Trieurs', sourceKind: 'actor', amountCents: 450_050 }],
        inKindCents: 450_050,
        balances: {
          investment: {
            entitledCents: 12_000_000,
            disbursedCents: 12_000_000,
            spentCents: 6_000_000,
            availableCents: 6_000_000,
          },
          operating: {
            entitledCents: 9_000_000,
            disbursedCents: 3_000_000,
            spentCents: 2_234_567,
            availableCents: 765_433,
          },
        },
        autonomyRatio: 0.3548,
        operatingResourcesCents: 4_650_050,
        smicvalOperatingCents: 3_000_000,
        entryCount: 9,
      },
      activities: {
        available: true,
        count: 40,
        participants: 1000,
        volunteers: 100,
        volunteerHours: 320,
        divertedKg: { reuse: 1200, repair: 340.5, compost: 800, recycling: 150, other: 0, total: 2490.5 },
        byType: [
          { type: 'collection', count: 10, participants: 250 },
          { type: 'event', count: 10, participants: 250 },
          { type: 'repair_cafe', count: 10, participants: 250 },
          { type: 'workshop', count: 10, participants: 250 },
        ],
        byPolicy: [
          { policy: 'education', count: 14, participants: 350 },
          { policy: 'waste_reduction', count: 40, participants: 1000 },
        ],
        notable: activitiesList
          .slice(0, 5)
          .map(({ date, title, type, participants }) => ({ date, title, type, participants })),
        list: activitiesList,
      },
      actors: {
        available: true,
        count: 12,
        byType: [
          { type: 'associative', count: 5 },
          { type: 'private', count: 3 },
          { type: 'public', count: 4 },
        ],
        list: [{ name: 'Association Les Trieurs', type: 'associative', contributions: 2 }],
        contributions: [
          {
            actor: 'Association Les Trieurs',
            kind: 'people',
            description: 'Animation du repair café',
            valueCents: null,
            hours: 120,
            year: 1,
          },
          {
            actor: 'Association Les Trieurs',
            kind: 'equipment',
            description: 'Outillage',
            valueCents: 150_000,
            hours: null,
            year: 1,
          },
          {
            actor: 'Mairie de Haux',
            kind: 'land',
            description: 'Local communal',
            valueCents: 300_000,
            hours: null,
            year: 1,
          },
        ],
        contributionsValueCents: 450_000,
        contributionsHours: 120,
      },
      waste: {
        available: true,
        baselineYear: 2023,
        years: [
          {
            year: 2023,
            population: 1480,
            kgPerInhabitant: {
              residual: 216.2,
              packaging: 55.1,
              glass: 38,
              biowaste: 12,
              recyclingCentre: 210,
              reuse: 3,
              total: 534.3,
            },
            residualChangeVsBaseline: 0,
          },
          {
            year: 2024,
            population: 1500,
            kgPerInhabitant: {
              residual: 198.4,
              packaging: 58.3,
              glass: 39,
              biowaste: 25,
              recyclingCentre: 201,
              reuse: 6,
              total: 527.7,
            },
            residualChangeVsBaseline: -0.082,
          },
        ],
        reportedStreams: ['residual', 'packaging', 'glass', 'biowaste', 'recyclingCentre', 'reuse'],
        references: [
          {
            compares: 'residual',
            label: 'Ordures ménagères résiduelles collectées en France',
            kgPerInhabitant: 245,
            year: 2021,
            source: 'Insee Première n° 2055, données ADEME (SINOE)',
          },
          {
            compares: 'total',
            label: 'Déchets ménagers et assimilés (DMA) collectés en France',
            kgPerInhabitant: 615,
            year: 2021,
            source: 'Insee Première n° 2055, données ADEME (SINOE)',
          },
        ],
      },
      autonomy: {
        available: true,
        wasteYear: 2024,
        indicators: [
          {
            key: 'autonomyRatio',
            label: "Taux d'autonomie financière",
            value: 0.3548,
            unit: 'ratio',
            definition: 'Part des ressources de fonctionnement qui ne viennent pas de Smicval.',
          },
          {
            key: 'activeActors',
            label: 'Acteurs actifs',
            value: 8,
            unit: 'count',
            definition:
              "Acteurs distincts ayant une contribution ou ayant participé à une activité pendant l'année de projet.",
          },
          {
            key: 'volunteerHours',
            label: 'Heures de bénévolat',
            value: 320,
            unit: 'hours',
            definition: 'Somme des heures bénévoles.',
          },
          {
            key: 'residualKgPerInhabitant',
            label: 'Ordures ménagères résiduelles par habitant',
            value: 198.4,
            unit: 'kgPerInhabitant',
            definition: "Tonnage d'OMR divisé par la population.",
          },
          {
            key: 'residualChangeVsBaseline',
            label: "Évolution des OMR par habitant depuis l'année de référence",
            value: -0.082,
            unit: 'ratio',
            definition: 'OMR par habitant / OMR de référence − 1.',
          },
        ],
        milestones: [
          {
            title: 'Association porteuse créée',
            dueDate: '2024-09-30',
            status: 'done',
            late: false,
            targetMet: null,
            targetFinal: false,
            targetActual: null,
            target: null,
          },
          {
            title: 'Autonomie financière de 50 % en année 2',
            dueDate: '2026-01-14',
            status: 'done',
            late: false,
            targetMet: false,
            targetFinal: true,
            targetActual: 0.45349,
            target: {
              indicator: 'autonomyRatio',
              label: "Taux d'autonomie financière",
              operator: 'gte',
              value: 0.5,
              unit: 'ratio',
              year: 2,
            },
          },
        ],
      },
    },
    ...overrides,
  };
}

export function waveSnapshotFixture(): WaveSnapshot {
  const p = pilotSnapshotFixture();
  return {
    schema: 1,
    kind: 'wave',
    audience: 'board',
    version: 1,
    year: 1,
    asOf: '2025-01-20',
    call: { id: '00000000-0000-4000-8000-0000000000aa', title: 'Appel à coopération 2023', waveYear: 2023 },
    narrative: { highlights: '', difficulties: '', outlook: '' },
    keyFigures: p.keyFigures,
    pilots: [
      {
        id: p.pilot.id,
        name: p.pilot.name,
        communes: p.pilot.communes,
        startDate: p.pilot.startDate,
        status: 'running',
        keyFigures: p.keyFigures,
        missing: [],
      },
    ],
  };
}

const LONG =
  'Atelier intercommunal de réparation, de réemploi et de sensibilisation au compostage partagé des Coteaux de l’Entre-deux-Mers';

/**
 * A pilot at national scale with long titles and 5-digit values: what the PDF must still print whole, and within
 * a bounded number of pages (every list stays complete in the XLSX annex).
 */
export function largePilotSnapshotFixture(activityCount = 3000): PilotSnapshot {
  const base = pilotSnapshotFixture();
  const types = ['workshop', 'repair_cafe', 'event', 'collection', 'training'];
  const list = Array.from({ length: activityCount }, (_, i) => ({
    date: `${i % 2 === 0 ? 2024 : 2025}-${String(i % 2 === 0 ? 2 + (i % 11) : 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    title: `${LONG} — session ${i + 1}`,
    type: types[i % types.length],
    policies: ['waste_reduction', 'education', 'village_revitalisation'].slice(0, 1 + (i % 3)),
    participants: 10_000 + ((i * 37) % 89_000),
    volunteers: 100 + (i % 50),
    volunteerHours: 10_000 + ((i * 13) % 80_000) + 0.5,
    participationLevel: 'co_construction',
  }));
  const sum = (f: (a: (typeof list)[number]) => number) => list.reduce((s, a) => s + f(a), 0);
  const byType = types.map((type) => {
    const of = list.filter((a) => a.type === type);
    return { type, count: of.length, participants: of.reduce((s, a) => s + a.participants, 0) };
  });
  const policies = ['education', 'village_revitalisation', 'waste_reduction'];
  const byPolicy = policies.map((policy) => {
    const of = list.filter((a) => a.policies.includes(policy));
    return { policy, count: of.length, participants: of.reduce((s, a) => s + a.participants, 0) };
  });
  const disbursements = Array.from({ length: 120 }, (_, i) => ({
    fund: (i % 3 === 0 ? 'investment' : 'operating') as 'investment' | 'operating',
    date: `2024-${String(2 + (i % 11)).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    reference: `MANDAT-2024-${String(i + 1).padStart(5, '0')}-COTEAUX-ENTRE-DEUX-MERS`,
    amountCents: 9_876_543 + i * 101,
  }));
  const disbursedCents = disbursements.reduce((s, d) => s + d.amountCents, 0);
  const disbursedInvestment = disbursements
    .filter((d) => d.fund === 'investment')
    .reduce((s, d) => s + d.amountCents, 0);
  const sources = Array.from({ length: 40 }, (_, i) => ({
    source: `Communauté de communes des Coteaux de l’Entre-deux-Mers, budget annexe n° ${i + 1}`,
    sourceKind: 'commune',
    amountCents: 4_567_890 - i * 1_000,
  }));
  const cofinancingCents = sources.reduce((s, x) => s + x.amountCents, 0);
  const actors = Array.from({ length: 60 }, (_, i) => ({
    name: `Association intercommunale pour la réduction des déchets et le réemploi solidaire n° ${i + 1}`,
    type: ['associative', 'public', 'private'][i % 3],
    contributions: 1 + (i % 7),
  }));
  const contributions = Array.from({ length: 200 }, (_, i) => ({
    actor: actors[i % actors.length].name,
    kind: ['people', 'equipment', 'land', 'money'][i % 4],
    description: `Mise à disposition de matériel, de locaux et de personnel pour le ${LONG.toLowerCase()} — lot ${i + 1}`,
    valueCents: i % 4 === 0 ? null : 1_234_567 + i * 97,
    hours: i % 4 === 0 ? 10_000 + i : null,
    year: 1,
  }));
  const contributionsValueCents = contributions.reduce((s, c) => s + (c.valueCents ?? 0), 0);
  const contributionsHours = contributions.reduce((s, c) => s + (c.hours ?? 0), 0);
  const s: PilotSnapshot = {
    ...base,
    pilot: {
      ...base.pilot,
      name: 'Communauté de communes des Coteaux de l’Entre-deux-Mers et du Créonnais',
      inhabitants: 98_765,
    },
    sections: {
      ...base.sections,
      funding: {
        ...(base.sections.funding as Extract<PilotSnapshot['sections']['funding'], { available: true }>),
        inhabitants: 98_765,
        disbursements,
        disbursedByFund: { investment: disbursedInvestment, operating: disbursedCents - disbursedInvestment },
        disbursedCents,
        cofinancingBySource: sources,
        cofinancingCents,
      },
      activities: {
        available: true,
        count: list.length,
        participants: sum((a) => a.participants),
        volunteers: sum((a) => a.volunteers),
        volunteerHours: sum((a) => a.volunteerHours),
        divertedKg: {
          reuse: 12_345.6,
          repair: 23_456.7,
          compost: 34_567.8,
          recycling: 45_678.9,
          other: 56_789,
          total: 172_838,
        },
        byType,
        byPolicy,
        notable: [...list]
          .sort((a, b) => b.participants - a.participants)
          .slice(0, 5)
          .map(({ date, title, type, participants }) => ({ date, title, type, participants })),
        list,
      },
      actors: {
        available: true,
        count: actors.length,
        byType: ['associative', 'private', 'public'].map((type) => ({
          type,
          count: actors.filter((a) => a.type === type).length,
        })),
        list: actors,
        contributions,
        contributionsValueCents,
        contributionsHours,
      },
    },
  };
  const a = s.sections.activities as Extract<PilotSnapshot['sections']['activities'], { available: true }>;
  s.keyFigures = {
    ...base.keyFigures,
    inhabitants: 98_765,
    disbursedCents,
    cofinancingCents,
    activities: a.count,
    participants: a.participants,
    volunteerHours: a.volunteerHours,
    actors: actors.length,
    contributions: contributions.length,
  };
  return s;
}

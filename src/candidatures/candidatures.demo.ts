import type { RequestContext } from '../auth/auth.types';
import { demoCalendar } from '../demo-kit/demo-calendar';
import type { DemoSeeder, DemoUser } from '../demo-kit/demo.types';
import { CallsService } from './calls.service';
import { CandidatureDecisionService } from './candidature-decision.service';
import { CandidatureEngagementService, EngagementInput } from './candidature-engagement.service';
import { CandidatureIntakeService, IntentionInput } from './candidature-intake.service';
import { CommitteeService, DeclarationInput } from './committee.service';
import { addDays } from '../pilots/pilot-terms';
import { todayInFrance } from '../common/codes';
import type { Scores } from './candidatures.types';

const at = (iso: string) => ({ now: new Date(iso) });

const s = (
  size: number,
  grouping: number,
  cooperation: number,
  actors: number,
  values: number,
  capacity: number,
  leadership: number,
): Scores => ({
  size,
  grouping,
  cooperation,
  actors,
  values,
  capacity,
  leadership,
});

function memberContext(u: DemoUser): RequestContext {
  return { user: { ...u, role: 'committee', pilotIds: [] }, requestId: 'demo-seed', ip: null, via: 'none' };
}

type DemoCandidature = {
  source: 'online' | 'entered';
  intentionOn: string;
  intention: IntentionInput;
  engagementOn?: string;
  engagement?: EngagementInput;
  /** One per committee member, in order: a score with its comment, or a declared link that recuses the member. */
  scores?: ([Scores, string] | DeclarationInput)[];
};

const CANDIDATURES: Record<'selected' | 'espiet' | 'targon' | 'faleyras', DemoCandidature> = {
  selected: {
    source: 'online',
    intentionOn: '2023-05-22T08:30:00Z',
    intention: {
      communes: [{ name: 'Saint-Genès-de-Lombaud' }, { name: 'Haux' }],
      inhabitants: 1280,
      contactName: 'Julien Mercier, secrétaire de mairie',
      contactEmail: 'coordination@saint-genes.demo',
      intention: {
        specifics:
          'Deux communes rurales voisines de l’Entre-deux-Mers, beaucoup de jeunes familles et de retraités, une école en regroupement pédagogique.',
        values:
          'Sobriété, entraide entre générations, circuits courts ; une charte « village nourricier » adoptée en 2022.',
        stakes: 'Redynamiser le cœur de bourg, bien vieillir à domicile, alimentation locale à la cantine.',
        zeroWasteCommune: true,
      },
    },
    engagementOn: '2023-08-28T14:00:00Z',
    engagement: {
      hybridPolicies: ['food', 'ageing_well', 'village_revitalisation'],
      articulation:
        'La cantine et l’épicerie solidaire réduisent le gaspillage ; la ressourcerie donne une seconde vie aux objets.',
      description:
        'Un tiers-lieu « La Poste retrouvée » : ressourcerie, atelier de réparation et épicerie de produits locaux en vrac.',
      contribution:
        'Un lieu de rencontre au cœur du bourg, des services de proximité pour les aînés, moins de déchets.',
      actors: [
        {
          name: 'École du regroupement pédagogique',
          type: 'public',
          canBring: 'Ateliers anti-gaspillage avec les élèves',
        },
        { name: 'Comité des fêtes de Haux', type: 'associative', canBring: 'Bénévoles, gratiferia annuelle' },
        { name: 'Les Jardins partagés de Lombaud', type: 'citizen', canBring: 'Compostage collectif, animations' },
        { name: 'Boulangerie du bourg', type: 'private', canBring: 'Invendus pour l’épicerie solidaire' },
      ],
      contributions: 'Locaux communaux, bénévoles, matériel de jardinage, savoir-faire de réparation.',
      existingLinks:
        'Le comité des fêtes et les jardins partagés organisent déjà une gratiferia et des trocs de plants.',
      citizenInvolvement: 'concertation',
      involvementPoints: 'Programme d’activités du tiers-lieu, horaires, choix des produits de l’épicerie.',
      district: 'Centre-bourg de Saint-Genès-de-Lombaud',
      place: 'Ancienne poste, place de la mairie',
      coordinator: 'Julien Mercier, secrétaire de mairie — coordination@saint-genes.demo',
      communeCommitment: 'Mise à disposition du bâtiment, un agent à mi-temps, 5 000 € de travaux au budget 2024.',
      needs: 'Ingénierie de projet, aménagement du local, formation à la réparation.',
      risks: 'Essoufflement des bénévoles ; bâtiment à mettre aux normes d’accessibilité.',
      mitigations: 'Un coordinateur dédié, un planning partagé, un diagnostic accessibilité en amont.',
      resources: 'Accompagnement COOP’TER, appui technique du Smicval, subvention départementale.',
    },
    scores: [
      [s(5, 5, 5, 4, 5, 4, 4), 'Dossier très complet, acteurs déjà mobilisés.'],
      [s(5, 4, 4, 4, 5, 4, 5), 'Portage politique fort des deux maires.'],
    ],
  },
  espiet: {
    source: 'entered',
    intentionOn: '2023-05-30T09:00:00Z',
    intention: {
      communes: [{ name: 'Espiet' }],
      inhabitants: 1050,
      contactName: 'Mairie d’Espiet',
      intention: {
        specifics: 'Commune périurbaine en croissance, peu de commerces de proximité.',
        values: 'Développement local, lien social.',
        stakes: 'Éducation à l’environnement, inclusion sociale.',
        zeroWasteCommune: false,
      },
    },
    engagementOn: '2023-08-31T16:00:00Z',
    engagement: {
      hybridPolicies: ['education'],
      description: 'Un programme d’éducation au zéro déchet avec l’école et le centre de loisirs.',
      actors: [{ name: 'Centre de loisirs intercommunal', type: 'public', canBring: 'Animateurs' }],
      citizenInvolvement: 'information',
      needs: 'Animation, supports pédagogiques.',
      risks: 'Peu d’acteurs associatifs mobilisés à ce stade.',
    },
    scores: [
      [s(5, 4, 3, 2, 3, 2, 3), 'Projet utile mais peu coopératif.'],
      [s(5, 4, 3, 2, 4, 3, 2), 'Manque d’acteurs privés et associatifs.'],
    ],
  },
  targon: {
    source: 'entered',
    intentionOn: '2023-06-01T10:00:00Z',
    intention: {
      communes: [{ name: 'Targon' }],
      inhabitants: 2200,
      contactName: 'Mairie de Targon',
      intention: {
        specifics: 'Chef-lieu de canton, commerces et marché hebdomadaire.',
        values: 'Économie circulaire, commerce local.',
        stakes: 'Développement économique, redynamisation du marché.',
        zeroWasteCommune: true,
      },
    },
    engagementOn: '2023-09-01T20:30:00Z',
    engagement: {
      hybridPolicies: ['economic_development'],
      description: 'Un marché zéro emballage et une consigne avec les commerçants.',
      actors: [
        { name: 'Union des commerçants', type: 'private', canBring: 'Adhésion des commerçants du marché' },
        { name: 'Association Vrac en Entre-deux-Mers', type: 'associative' },
      ],
      citizenInvolvement: 'consultation',
      risks: 'Territoire au-delà de 1 500 habitants.',
    },
    scores: [
      [s(1, 4, 4, 4, 4, 4, 3), 'Hors taille, dynamique économique intéressante.'],
      { hasConflict: true, link: 'elected', reason: 'Conseiller municipal de Targon' },
    ],
  },
  faleyras: {
    source: 'online',
    intentionOn: '2023-06-02T19:45:00Z',
    intention: {
      communes: [{ name: 'Faleyras' }],
      inhabitants: 430,
      intention: {
        specifics: 'Petite commune viticole.',
        values: 'Sobriété.',
        stakes: 'Alimentation, culture.',
        zeroWasteCommune: false,
      },
    },
  },
};

/**
 * The 2023 call's story — its deadlines and webinars, four Gironde candidatures at different stages, scored by
 * the committee members after declaring their links (one is recused from Targon), and the selection that
 * creates the demo pilot — moved onto the demo calendar, so the
 * pilot is in its second year on the day the demo is seeded. The deadlines are past, so letters are dated
 * through the service's server-only clock option, never through an HTTP route.
 */
export const seedCallsDemo: DemoSeeder = async (refs) => {
  const calls = refs.app.get(CallsService);
  const intake = refs.app.get(CandidatureIntakeService);
  const letters = refs.app.get(CandidatureEngagementService);
  const decisions = refs.app.get(CandidatureDecisionService);
  const committee = refs.app.get(CommitteeService);
  const cal = demoCalendar();
  const waveYear = Number(cal.date('2023-06-02').slice(0, 4));
  const call = await calls.create(refs.lead, {
    title: `Projet K — appel à coopération ${waveYear}`,
    waveYear,
    intentionDeadline: cal.date('2023-06-02'),
    engagementDeadline: cal.date('2023-09-01'),
    webinars: [
      { date: cal.date('2023-04-03'), startTime: '17:00', endTime: '18:00' },
      { date: cal.date('2023-04-06'), startTime: '12:00', endTime: '13:00' },
    ],
    contact: 'Charlotte Bousquié, cheffe de projet — 06 43 80 70 28 — charlotte.bousquie@smicval.fr',
  });
  const commune: RequestContext = { user: null, requestId: 'demo-seed', ip: null, via: 'none' };
  const members = refs.users.committee.map(memberContext);
  const ids: Record<string, string> = {};
  for (const [key, c] of Object.entries(CANDIDATURES)) {
    const created = await intake.submitIntention(
      c.source === 'online' ? commune : refs.lead,
      call.id,
      c.intention,
      c.source,
      at(cal.instant(c.intentionOn)),
    );
    ids[key] = created.id;
    if (c.engagement && c.engagementOn) {
      await letters.submitEngagement(
        c.source === 'online' ? commune : refs.lead,
        { id: created.id },
        c.engagement,
        at(cal.instant(c.engagementOn)),
      );
    }
    for (const [i, given] of (c.scores ?? []).entries()) {
      if (!members[i]) continue;
      if (!Array.isArray(given)) {
        await committee.declare(members[i], created.id, given);
        continue;
      }
      await committee.declare(members[i], created.id, { hasConflict: false });
      await committee.evaluate(members[i], created.id, { scores: given[0], comment: given[1] });
    }
  }
  const decision = {
    deliberationNumber: `AG-${cal.start.slice(0, 4)}-${cal.start.slice(5, 7)}`,
    deliberationDate: cal.start,
  };
  const selected = await decisions.decide(refs.lead, ids.selected, {
    decision: 'selected',
    ...decision,
    pilotStartDate: cal.start,
  });
  await decisions.decide(refs.lead, ids.espiet, { decision: 'not_selected', ...decision });
  await decisions.decide(refs.lead, ids.targon, { decision: 'not_selected', ...decision });
  await seedSelectionCall(refs, members);
  return { callId: call.id, pilotId: selected.pilotId ?? undefined };
};

/**
 * A second call whose letters closed three days ago, in the committee's hands: the first member has declared
 * no link and scored both candidatures, the second has not yet — signing in as them shows blind scoring (no
 * score of the first member until theirs is in) and the « suivante » link between the two.
 */
async function seedSelectionCall(refs: Parameters<DemoSeeder>[0], members: RequestContext[]): Promise<void> {
  const calls = refs.app.get(CallsService);
  const intake = refs.app.get(CandidatureIntakeService);
  const engagements = refs.app.get(CandidatureEngagementService);
  const committee = refs.app.get(CommitteeService);
  const today = todayInFrance();
  const engagementDeadline = addDays(today, -3);
  const call = await calls.create(refs.lead, {
    title: `Projet K — appel à coopération ${today.slice(0, 4)} (sélection en cours)`,
    waveYear: Number(today.slice(0, 4)),
    intentionDeadline: addDays(today, -15),
    engagementDeadline,
    contact: 'Charlotte Bousquié, cheffe de projet — charlotte.bousquie@smicval.fr',
  });
  const letters: [IntentionInput, EngagementInput, Scores, string][] = [
    [
      {
        communes: [{ name: 'Cessac' }, { name: 'Courpiac' }],
        inhabitants: 920,
        contactName: 'Mairie de Cessac',
        intention: {
          specifics: 'Deux petites communes viticoles qui partagent une école et un foyer rural.',
          values: 'Entraide, sobriété, vie associative.',
          stakes: 'Garder des services de proximité, alimentation locale.',
          zeroWasteCommune: true,
        },
      },
      {
        hybridPolicies: ['food', 'social_inclusion'],
        description: 'Une cuisine partagée au foyer rural, avec les invendus des producteurs voisins.',
        actors: [
          { name: 'Foyer rural de Cessac', type: 'associative', canBring: 'Bénévoles, cuisine' },
          { name: 'Cave coopérative', type: 'private', canBring: 'Local de stockage' },
        ],
        citizenInvolvement: 'concertation',
      },
      s(5, 5, 4, 4, 4, 3, 4),
      'Belle coopération entre les deux communes.',
    ],
    [
      {
        communes: [{ name: 'Lugasson' }],
        inhabitants: 1410,
        contactName: 'Mairie de Lugasson',
        intention: {
          specifics: 'Commune en croissance, beaucoup de nouveaux habitants.',
          values: 'Réduction des déchets, lien entre anciens et nouveaux habitants.',
          stakes: 'Un lieu de rencontre, le réemploi.',
          zeroWasteCommune: false,
        },
      },
      {
        hybridPolicies: ['village_revitalisation'],
        description: 'Une recyclerie éphémère une fois par mois sur la place du village.',
        actors: [{ name: 'Comité des fêtes de Lugasson', type: 'associative' }],
        citizenInvolvement: 'consultation',
      },
      s(5, 4, 3, 2, 4, 3, 3),
      'Idée simple, peu d’acteurs encore.',
    ],
  ];
  for (const [i, [intention, engagement, scores, comment]] of letters.entries()) {
    const on = `${addDays(engagementDeadline, -20 + i)}T09:00:00Z`;
    const created = await intake.submitIntention(refs.lead, call.id, intention, 'entered', at(on));
    await engagements.submitEngagement(refs.lead, { id: created.id }, engagement, at(on));
    if (members[0]) {
      await committee.declare(members[0], created.id, { hasConflict: false });
      await committee.evaluate(members[0], created.id, { scores, comment });
    }
  }
}

import type { RequestContext } from '../auth/auth.types';
import { demoCalendar } from '../demo/demo-calendar';
import type { DemoSeeder, DemoUser } from '../demo/demo.types';
import { CallsService } from './calls.service';
import { CandidaturesService, EngagementInput, IntentionInput } from './candidatures.service';
import { CommitteeService } from './committee.service';
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
  scores?: [Scores, string][];
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
      [s(1, 3, 4, 4, 4, 4, 4), 'Trop grand pour le dispositif.'],
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
 * both committee members, and the selection that creates the demo pilot — moved onto the demo calendar, so the
 * pilot is in its second year on the day the demo is seeded. The deadlines are past, so letters are dated
 * through the service's server-only clock option, never through an HTTP route.
 */
export const seedCallsDemo: DemoSeeder = async (refs) => {
  const calls = refs.app.get(CallsService);
  const candidatures = refs.app.get(CandidaturesService);
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
    const created = await candidatures.submitIntention(
      c.source === 'online' ? commune : refs.lead,
      call.id,
      c.intention,
      c.source,
      at(cal.instant(c.intentionOn)),
    );
    ids[key] = created.id;
    if (c.engagement && c.engagementOn) {
      await candidatures.submitEngagement(
        c.source === 'online' ? commune : refs.lead,
        { id: created.id },
        c.engagement,
        at(cal.instant(c.engagementOn)),
      );
    }
    for (const [i, [scores, comment]] of (c.scores ?? []).entries()) {
      if (!members[i]) continue;
      await committee.declare(members[i], created.id, { hasConflict: false });
      await committee.evaluate(members[i], created.id, { scores, comment });
    }
  }
  const decision = {
    deliberationNumber: `AG-${cal.start.slice(0, 4)}-${cal.start.slice(5, 7)}`,
    deliberationDate: cal.start,
  };
  const selected = await candidatures.decide(refs.lead, ids.selected, {
    decision: 'selected',
    ...decision,
    pilotStartDate: cal.start,
  });
  await candidatures.decide(refs.lead, ids.espiet, { decision: 'not_selected', ...decision });
  await candidatures.decide(refs.lead, ids.targon, { decision: 'not_selected', ...decision });
  return { callId: call.id, pilotId: selected.pilotId ?? undefined };
};

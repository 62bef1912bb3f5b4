import { number } from '../common/format-fr';
import { PROGRAMME_DEFAULTS } from '../common/programme';
import { CRITERIA, Criterion } from './candidatures.types';

/** What each mark from 0 to 5 means for one criterion (index = mark). */
export type Rubric = Record<Criterion, string[]>;
export const RUBRIC_LEVELS = 6;

/** The inhabitants a call accepts; the size criterion's levels quote them. */
export type InhabitantRange = { minInhabitants: number; maxInhabitants: number };

/**
 * Defaults taken from section 4 of the call text (« Critères de sélection »): each level says what the
 * committee should find in the letters to give that mark. A call may override any criterion. The size levels
 * quote the call's own range, so a call for 500 to 3 000 inhabitants is not scored against the first call's.
 */
export function defaultRubric(range: InhabitantRange): Rubric {
  const span = `de ${number(range.minInhabitants)} à ${number(range.maxInhabitants)} habitants`;
  return {
    size: [
      `Territoire très éloigné de la fourchette ${span}`,
      'Nettement hors de la fourchette, sans justification',
      'Hors de la fourchette, avec une justification fragile',
      'Légèrement hors de la fourchette, justification convaincante',
      'Dans la fourchette, périmètre encore flou',
      `Dans la fourchette ${span}, périmètre clair`,
    ],
    ...LEVELS_WITHOUT_RANGE,
  };
}

const LEVELS_WITHOUT_RANGE: Omit<Rubric, 'size'> = {
  grouping: [
    'Ni commune, ni quartier, ni regroupement identifiable',
    'Périmètre administratif incohérent',
    'Périmètre défini mais sans accord des communes concernées',
    'Commune ou quartier défini, accord en cours',
    'Commune entière, quartier ou regroupement défini et accepté',
    'Commune ou regroupement cohérent, porté par une délibération',
  ],
  cooperation: [
    'Aucune envie de coopérer exprimée',
    'Intérêt de principe, sans projet commun',
    'Envie exprimée, peu d’exemples de travail en commun',
    'Envie réelle, quelques actions menées ensemble',
    'Coopération déjà vécue et projet commun esquissé',
    'Forte envie de faire ensemble, démontrée par des actions partagées',
  ],
  actors: [
    'Aucun acteur du territoire mentionné',
    'Un seul type d’acteur (public, privé ou associatif)',
    'Plusieurs acteurs cités, sans rôle précis',
    'Acteurs publics, privés et associatifs cités avec un rôle',
    'Acteurs des trois sphères engagés et mobilisés',
    'Acteurs publics, privés et associatifs déjà engagés par écrit',
  ],
  values: [
    'Valeurs absentes ou contraires à l’appel',
    'Valeurs évoquées sans lien avec la réduction des déchets',
    'Une des valeurs (sobriété, développement territorial, réduction des déchets) partagée',
    'Deux valeurs partagées et illustrées',
    'Sobriété, développement territorial et réduction des déchets partagés',
    'Valeurs et objectifs communs partagés et déjà traduits en actions',
  ],
  capacity: [
    'Aucune capacité à porter une dynamique collective',
    'Porteur isolé, sans moyens identifiés',
    'Moyens évoqués, organisation à construire',
    'Moyens humains et matériels identifiés',
    'Organisation et coordinateur identifiés, moyens engagés',
    'Capacité démontrée à porter une dynamique collective dans la durée',
  ],
  leadership: [
    'Aucun portage identifiable',
    'Portage hésitant',
    'Portage par une personne isolée',
    'Portage politique ou technique affirmé',
    'Portage politique et technique affirmé',
    'Leadership affirmé et partagé, élus et équipes engagés',
  ],
};

/** The call's rubric: its own levels where set, the defaults (quoting its range) elsewhere. */
export function rubricFor(stored: Partial<Rubric> | null, range: InhabitantRange = PROGRAMME_DEFAULTS): Rubric {
  const defaults = defaultRubric(range);
  return Object.fromEntries(
    CRITERIA.map((c) => [c, stored?.[c]?.length === RUBRIC_LEVELS ? stored[c] : defaults[c]]),
  ) as Rubric;
}

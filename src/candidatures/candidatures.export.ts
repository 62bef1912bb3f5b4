import type { Column } from '../common/export';
import { CRITERIA } from './candidatures.types';
import type { CandidatureView } from './candidatures.service';
import type { EvaluationView } from './committee.service';

// French headers: the files go to the committee and the board as they are.
const STATUS_FR: Record<string, string> = {
  intention_submitted: "Lettre d'intention déposée",
  engagement_submitted: "Lettre d'engagement déposée",
  selected: 'Retenue',
  not_selected: 'Non retenue',
  withdrawn: 'Retirée',
};
const CRITERIA_FR: Record<string, string> = {
  size: 'Taille du territoire',
  grouping: 'Commune ou regroupement',
  cooperation: 'Envie de coopérer',
  actors: 'Implication des acteurs',
  values: 'Valeurs partagées',
  capacity: 'Capacité à porter la dynamique',
  leadership: 'Leadership affirmé',
};

export const CANDIDATURE_COLUMNS: Column<CandidatureView>[] = [
  { header: 'Numéro de dossier', value: (c) => c.dossierNumber, width: 14 },
  { header: 'Commune(s)', value: (c) => c.communes.map((x) => x.name).join(', '), width: 30 },
  {
    header: 'Codes INSEE',
    value: (c) =>
      c.communes
        .map((x) => x.inseeCode ?? '')
        .filter(Boolean)
        .join(', '),
  },
  { header: 'Habitants', value: (c) => c.inhabitants, kind: 'number' },
  { header: 'Éligible (taille)', value: (c) => (c.eligibility.inBounds ? 'oui' : 'non') },
  { header: 'Statut', value: (c) => STATUS_FR[c.status] ?? c.status, width: 26 },
  { header: 'Note moyenne (0–5)', value: (c) => c.averageScore, kind: 'number' },
  { header: 'Écart entre membres', value: (c) => c.spread, kind: 'number' },
  { header: 'Évaluations', value: (c) => `${c.evaluationCount}/${c.committeeSize}` },
  { header: 'Contact', value: (c) => [c.contactName, c.contactEmail].filter(Boolean).join(' — ') },
  { header: "Lettre d'intention déposée le", value: (c) => c.intentionSubmittedAt.slice(0, 10) },
  { header: 'Spécificités', value: (c) => c.intention.specifics, width: 40 },
  { header: 'Valeurs et engagements', value: (c) => c.intention.values, width: 40 },
  { header: 'Enjeux / politiques prioritaires', value: (c) => c.intention.stakes, width: 40 },
  { header: 'Ma commune Zero Waste', value: (c) => (c.intention.zeroWasteCommune ? 'oui' : 'non') },
  { header: "Lettre d'engagement déposée le", value: (c) => c.engagementSubmittedAt?.slice(0, 10) ?? '' },
  { header: 'Pièces jointes', value: (c) => c.attachments.map((a) => a.filename).join(', ') },
  { header: 'Politiques hybridées', value: (c) => c.engagement?.hybridPolicies.join(', ') ?? '' },
  { header: 'Articulation avec la réduction des déchets', value: (c) => c.engagement?.articulation ?? '', width: 40 },
  { header: 'Description du projet', value: (c) => c.engagement?.description ?? '', width: 40 },
  { header: 'Apport pour la commune', value: (c) => c.engagement?.contribution ?? '', width: 40 },
  {
    header: 'Acteurs',
    value: (c) =>
      c.engagement?.actors.map((a) => `${a.name} (${a.type})${a.canBring ? ` : ${a.canBring}` : ''}`).join(' ; ') ?? '',
    width: 40,
  },
  { header: 'Contributions', value: (c) => c.engagement?.contributions ?? '', width: 40 },
  { header: 'Liens existants', value: (c) => c.engagement?.existingLinks ?? '', width: 40 },
  { header: 'Implication citoyenne', value: (c) => c.engagement?.citizenInvolvement ?? '' },
  { header: "Points d'implication", value: (c) => c.engagement?.involvementPoints ?? '', width: 40 },
  { header: 'Quartier / zonage', value: (c) => c.engagement?.district ?? '' },
  { header: 'Lieu physique', value: (c) => c.engagement?.place ?? '' },
  { header: 'Coordination', value: (c) => c.engagement?.coordinator ?? '' },
  { header: 'Engagement de la commune', value: (c) => c.engagement?.communeCommitment ?? '', width: 40 },
  { header: 'Besoins', value: (c) => c.engagement?.needs ?? '', width: 40 },
  { header: 'Freins / risques', value: (c) => c.engagement?.risks ?? '', width: 40 },
  { header: 'Pistes pour les lever', value: (c) => c.engagement?.mitigations ?? '', width: 40 },
  { header: 'Ressources nécessaires', value: (c) => c.engagement?.resources ?? '', width: 40 },
  { header: 'Délibération', value: (c) => c.decision?.deliberationNumber ?? '' },
  { header: 'Date de délibération', value: (c) => c.decision?.deliberationDate ?? '' },
  { header: 'Justification', value: (c) => c.decision?.justification ?? '' },
];

export const EVALUATION_COLUMNS: Column<EvaluationView & { communes: string }>[] = [
  { header: 'Commune(s)', value: (e) => e.communes, width: 30 },
  { header: 'Membre du comité', value: (e) => e.memberName, width: 24 },
  ...CRITERIA.map((c): Column<EvaluationView & { communes: string }> => ({
    header: CRITERIA_FR[c],
    value: (e) => e.scores[c],
    kind: 'number',
  })),
  { header: 'Moyenne', value: (e) => e.average, kind: 'number' },
  { header: 'Commentaire', value: (e) => e.comment, width: 50 },
  { header: 'Mise à jour', value: (e) => e.updatedAt.slice(0, 10) },
];

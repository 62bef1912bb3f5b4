import { addDays, addMonths, addYears } from '../pilots/pilot-terms';
import type { Target } from './indicators';

export const MILESTONE_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Late is derived, never stored: the due date has passed and the milestone is neither done nor dropped. */
export function isLate(m: { dueDate: string; status: MilestoneStatus }, today: string): boolean {
  return m.dueDate < today && m.status !== 'done' && m.status !== 'dropped';
}

/** What a target's evaluation means for a reader: the only place a page or a report gets its wording from. */
export type TargetVerdict = 'met' | 'met_so_far' | 'not_met' | 'not_met_so_far' | 'not_measurable';

/** The verdict of a measurable target from its evaluation (met: null before it can be measured; final: year over). */
export function targetVerdict(e: { met: boolean | null; final: boolean }): TargetVerdict {
  if (e.met === null) return 'not_measurable';
  if (e.met) return e.final ? 'met' : 'met_so_far';
  return e.final ? 'not_met' : 'not_met_so_far';
}

export type MilestoneDraft = {
  title: string;
  description: string;
  dueDate: string;
  owner: string;
  target: Target | null;
};

/**
 * The roadmap proposed at a pilot's creation, from the call's three-year shape: governance, a place and first
 * activities in year 1, a financial autonomy target in year 2, a legal structure and a financing plan for after
 * year 3 in year 3. The lead edits it afterwards; nothing here is binding.
 */
export function defaultRoadmap(startDate: string): MilestoneDraft[] {
  const endOfYear = (y: number) => addDays(addYears(startDate, y), -1);
  return [
    {
      title: 'Instance de gouvernance installée',
      description:
        'Le comité de pilotage local (commune, acteurs, habitants, Smicval) est constitué et s’est réuni une première fois.',
      dueDate: addMonths(startDate, 3),
      owner: 'Commune',
      target: null,
    },
    {
      title: 'Lieu du projet ouvert',
      description: 'Le lieu (tiers-lieu, local, espace partagé) accueille le public.',
      dueDate: addMonths(startDate, 6),
      owner: 'Commune',
      target: null,
    },
    {
      title: 'Premières activités menées',
      description:
        'Au moins cinq activités (ateliers, repair cafés, collectes…) ont eu lieu pendant la première année.',
      dueDate: endOfYear(1),
      owner: 'Coordination communale',
      target: { indicator: 'activities', operator: 'gte', value: 5, year: 1 },
    },
    {
      title: 'Autonomie financière de 50 % en année 2',
      description:
        'La moitié au moins des ressources de fonctionnement de l’année 2 vient d’autres sources que Smicval (cofinancements, apports en nature, recettes propres).',
      dueDate: endOfYear(2),
      owner: 'Commune',
      target: { indicator: 'autonomyRatio', operator: 'gte', value: 0.5, year: 2 },
    },
    {
      title: 'Structure juridique du projet créée',
      description:
        'Le projet coopératif dispose de sa propre structure (association, SCIC…) pour continuer sans Smicval.',
      dueDate: addMonths(startDate, 30),
      owner: 'Commune',
      target: null,
    },
    {
      title: 'Plan de financement après l’année 3 adopté',
      description:
        'Le plan de financement des années suivant la fin du soutien de Smicval est voté par la commune et les partenaires.',
      dueDate: addMonths(startDate, 33),
      owner: 'Commune',
      target: null,
    },
  ];
}

import type { DemoSeeder } from '../demo-kit/demo.types';
import { ReportGenerator } from './report-generator.service';
import { ReportIssuing } from './report-issuing.service';

/**
 * The demo pilot's year-1 report for ADEME, produced in this process (not through the queue, so the demo
 * is complete when seeding returns) and issued, as the lead would after reading it.
 */
export const seedReportsDemo: DemoSeeder = async (refs) => {
  if (!refs.pilotId) return;
  const reports = refs.app.get(ReportGenerator);
  const report = await reports.generateNow(refs.lead, refs.pilotId, {
    year: 1,
    audience: 'ademe',
    narrative: {
      highlights:
        "Ouverture de la ressourcerie dans l'ancienne poste au printemps, repair café mensuel animé par des bénévoles, compostage partagé installé près de l'école.\n\nLa commune et trois associations se sont engagées au-delà de ce qui était prévu dans la lettre d'engagement.",
      difficulties:
        "Les travaux d'aménagement du local ont pris deux mois de retard. Le recrutement de l'animatrice du compostage a été plus long que prévu, et une facture saisie deux fois a dû être annulée.",
      outlook:
        'Année 2 : ouvrir la cantine anti-gaspillage, confier la ressourcerie à une association porteuse et viser 30 % de ressources de fonctionnement hors Smicval.',
    },
  });
  if (report.status === 'done') await refs.app.get(ReportIssuing).issue(refs.lead, report.id);
  return {};
};

/**
 * The « bilan » pilot's final report for ADEME, across its three years, with the lead's conclusions: produced and
 * issued the same way as the yearly one (the same services a lead's request goes through, without the queue).
 */
export const seedFinalReportDemo: DemoSeeder = async (refs) => {
  if (!refs.bilanPilotId) return;
  const report = await refs.app.get(ReportGenerator).generateNow(refs.lead, refs.bilanPilotId, {
    kind: 'final',
    audience: 'ademe',
    narrative: {
      highlights:
        "En trois ans, l'ancien chai est devenu la ressourcerie des coteaux : boutique de réemploi, collectes trimestrielles et repair café, portés par une association locale et un collectif d'habitants.\n\nLes ordures ménagères résiduelles ont baissé chaque année depuis l'année de référence.",
      difficulties:
        "La première année a reposé presque entièrement sur la dotation Smicval ; l'équilibre de la boutique n'a été trouvé qu'en troisième année.",
      outlook:
        'La commune et les ventes de la ressourcerie couvrent une part du fonctionnement qui a grandi chaque année : le projet peut continuer sans la dotation du Smicval, qui reste partenaire pour les collectes.',
    },
  });
  if (report.status === 'done') await refs.app.get(ReportIssuing).issue(refs.lead, report.id);
  return {};
};

import type { DemoSeeder } from '../demo-kit/demo.types';
import { ReportsService } from './reports.service';

/**
 * The demo pilot's year-1 report for ADEME, produced in this process (not through the queue, so the demo
 * is complete when seeding returns) and issued, as the lead would after reading it.
 */
export const seedReportsDemo: DemoSeeder = async (refs) => {
  if (!refs.pilotId) return;
  const reports = refs.app.get(ReportsService);
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
  if (report.status === 'done') await reports.issue(refs.lead, report.id);
  return {};
};

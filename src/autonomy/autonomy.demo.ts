import { todayInFrance } from '../common/codes';
import { demoCalendar } from '../demo-kit/demo-calendar';
import type { DemoSeeder } from '../demo-kit/demo.types';
import { addDays } from '../pilots/pilot-terms';
import { WasteService } from '../waste/waste.service';
import { AutonomyService } from './autonomy.service';
import { MilestonesService } from './milestones.service';

/** Saint-Genès-like figures (1 200 inhabitants): residual waste falling from 232 kg per inhabitant in the baseline year. */
const WASTE: {
  year: number;
  tonnes: {
    residual: number;
    packaging: number;
    glass: number;
    biowaste: number | null;
    recyclingCentre: number;
    reuse: number;
  };
}[] = [
  {
    year: 2022,
    tonnes: { residual: 278.4, packaging: 62.4, glass: 39.6, biowaste: null, recyclingCentre: 252, reuse: 1.2 },
  },
  {
    year: 2023,
    tonnes: { residual: 271.2, packaging: 63.6, glass: 40.2, biowaste: 3.6, recyclingCentre: 249.6, reuse: 2.4 },
  },
  {
    year: 2024,
    tonnes: { residual: 246, packaging: 68.4, glass: 42, biowaste: 18, recyclingCentre: 238.8, reuse: 7.2 },
  },
];

/**
 * The demo pilot's waste (the baseline year before its start, then each calendar year already over) and its roadmap: the default one, with the
 * milestones due long ago done (with evidence) and the most recent overdue one still in progress, hence late.
 */
export const seedAutonomyDemo: DemoSeeder = async (refs) => {
  if (!refs.pilotId) return;
  const pilotId = refs.pilotId;
  const waste = refs.app.get(WasteService);
  const autonomy = refs.app.get(AutonomyService);
  const milestonesService = refs.app.get(MilestonesService);
  // Calendar years of the story on the demo calendar; a year not over yet has no annual tonnage.
  const cal = demoCalendar();
  const thisYear = Number(todayInFrance().slice(0, 4));
  for (const w of WASTE) {
    const year = cal.year(w.year);
    if (year < thisYear) await waste.put(refs.lead, pilotId, year, { tonnes: w.tonnes });
  }

  await autonomy.proposeDefaultRoadmap(refs.lead, pilotId);
  const today = todayInFrance();
  const { milestones } = await autonomy.autonomy(refs.lead, pilotId);
  const overdue = milestones.filter((m) => m.dueDate < today);
  const lateOne = overdue[overdue.length - 1];
  for (const m of milestones) {
    if (m === lateOne) {
      await milestonesService.updateMilestone(refs.lead, m.id, {
        status: 'in_progress',
        evidence: { text: 'Premières réunions avec la commune et les partenaires ; le vote est reporté.' },
      });
    } else if (m.dueDate < today) {
      await milestonesService.updateMilestone(refs.lead, m.id, {
        status: 'done',
        evidence: { text: `Atteint avant le ${m.dueDate} — compte rendu transmis à Smicval.` },
      });
    } else if (m.dueDate <= addDays(today, 180)) {
      await milestonesService.updateMilestone(refs.lead, m.id, { status: 'in_progress' });
    }
  }
  return {};
};

import { ActorLinksService } from '../actors/actor-links.service';
import { ActorsService } from '../actors/actors.service';
import { todayInFrance } from '../common/codes';
import type { DemoSeeder } from '../demo-kit/demo.types';
import { demoCalendar } from '../demo-kit/demo-calendar';
import { addDays } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import { UsersService } from '../users/users.service';
import { ActivitiesService } from './activities.service';
import { DEMO_ACTIVITIES, DEMO_ACTORS, DEMO_CONTRIBUTIONS, DEMO_LINKS } from './activities.demo-data';

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** « Repair café {mois} » → « Repair café de mars » / « Repair café d’avril », from the activity's date. */
export function titled(title: string, date: string): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1];
  return title.replace('{mois}', /^[aeiouyéèê]/.test(month) ? `d’${month}` : `de ${month}`);
}

/**
 * The selected pilot's life on the ground (dated on the demo calendar): actors of every type, their contributions and links, and
 * about forty activities over its first year and a half; the demo coordinator and reviewer become members.
 */
export const seedPilotLifeDemo: DemoSeeder = async (refs) => {
  const pilots = refs.app.get(PilotsService);
  const actorsService = refs.app.get(ActorsService);
  const actorLinks = refs.app.get(ActorLinksService);
  const activities = refs.app.get(ActivitiesService);
  const users = refs.app.get(UsersService);
  const ctx = refs.lead;
  const cal = demoCalendar();

  let pilotId = refs.pilotId;
  if (!pilotId) {
    const pilot = await pilots.create(ctx, {
      name: 'Saint-Genès-de-Lombaud — le tiers-lieu du réemploi',
      communes: [{ name: 'Saint-Genès-de-Lombaud', inseeCode: '33406' }],
      inhabitants: 1200,
      inhabitantsSource: 'INSEE, population municipale 2020',
      startDate: cal.start,
      status: 'running',
      waveYear: Number(cal.date('2023-06-02').slice(0, 4)),
      callId: refs.callId ?? null,
      policies: ['food', 'village_revitalisation', 'social_inclusion'],
      district: 'Centre-bourg',
      place: 'Ancienne poste, place de l’Église',
    });
    pilotId = pilot.id;
  }
  let life = await pilots.life(pilotId);
  if (!life.startDate) {
    await pilots.update(ctx, pilotId, { startDate: cal.start, status: 'running' });
    life = await pilots.life(pilotId);
  }
  const start = life.startDate!;

  await users.addMember(ctx, pilotId, refs.users.coordinator.id, 'coordinator');
  await users.addMember(ctx, pilotId, refs.users.reviewer.id, 'reviewer');

  // Actors carried over from the candidature are kept; the demo's own are added beside them.
  const existing = new Map((await actorsService.list(pilotId)).map((a) => [a.name.toLowerCase(), a.id]));
  const ids = new Map<string, string>();
  for (const a of DEMO_ACTORS) {
    const id =
      existing.get(a.name.toLowerCase()) ??
      (
        await actorsService.create(ctx, pilotId, {
          name: a.name,
          type: a.type,
          description: a.description,
          contact: a.contact ?? null,
        })
      ).id;
    ids.set(a.key, id);
  }
  for (const c of DEMO_CONTRIBUTIONS) {
    await actorsService.createContribution(ctx, pilotId, {
      actorId: ids.get(c.actor)!,
      kind: c.kind,
      description: c.description,
      valueCents: c.valueCents ?? null,
      hours: c.hours ?? null,
      year: c.year,
    });
  }
  for (const [from, to, nature] of DEMO_LINKS) {
    await actorLinks.createLink(ctx, pilotId, { fromActorId: ids.get(from)!, toActorId: ids.get(to)!, nature });
  }

  const today = todayInFrance();
  for (const a of DEMO_ACTIVITIES) {
    const date = addDays(start, a.day);
    // Nothing is logged in the future, whenever the demo is seeded.
    if (date > today || date < life.lifeStart) continue;
    await activities.create(ctx, pilotId, {
      date,
      title: titled(a.title, date),
      type: a.type,
      policies: a.policies,
      participants: a.participants,
      volunteers: a.volunteers ?? 0,
      volunteerHours: a.hours ?? 0,
      actorIds: a.actors.map((k) => ids.get(k)!),
      participationLevel: a.level ?? null,
      divertedKg: a.kg ?? {},
      notes: null,
    });
  }
  return { pilotId };
};

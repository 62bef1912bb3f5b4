import { ActorsService } from '../actors/actors.service';
import type { DemoSeeder } from '../demo-kit/demo.types';
import { PublicationService } from './publication.service';

/**
 * The running demo pilot's public page, switched on by the lead with its issued reports; its organisations
 * (public, private and associative actors) have agreed to appear, citizen collectives have not been asked.
 */
export const seedPublicationDemo: DemoSeeder = async (refs) => {
  if (!refs.pilotId) return;
  const actors = refs.app.get(ActorsService);
  for (const actor of await actors.list(refs.pilotId))
    if (actor.type !== 'citizen') await actors.update(refs.lead, refs.pilotId, actor.id, { publicConsent: true });
  await refs.app
    .get(PublicationService)
    .set(refs.lead, refs.pilotId, { published: true, licence: 'etalab-2.0', includeReports: true });
};

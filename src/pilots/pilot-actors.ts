import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../auth/auth.types';
import type { CreatePilotInput } from './pilots.types';

export type PilotActorInput = NonNullable<CreatePilotInput['actors']>[number];

/**
 * Creating a pilot creates its listed actors in the same transaction. The actors module depends on pilots
 * (pilot terms, the pilot entity), so pilots asks for this token instead of importing ActorsService;
 * ActorsModule (global) provides it.
 */
export type PilotActorsWriter = {
  createMany(ctx: RequestContext, pilotId: string, actors: PilotActorInput[], m: EntityManager): Promise<string[]>;
};

export const PILOT_ACTORS = Symbol('PILOT_ACTORS');

import type { INestApplicationContext } from '@nestjs/common';
import type { RequestContext } from '../auth/auth.types';

export type DemoUser = { id: string; email: string; name: string };

/** What each feature's demo seeder receives and may add to, in order (see demo.seed.ts). */
export type DemoRefs = {
  app: INestApplicationContext;
  /** The demo lead acting (audit rows name them). */
  lead: RequestContext;
  users: { lead: DemoUser; coordinator: DemoUser; committee: DemoUser[]; reviewer: DemoUser };
  /** The 2023 call, once seeded. */
  callId?: string;
  /** The selected 2023 pilot, once seeded. */
  pilotId?: string;
  /** The second demo pilot, whose three years are over (« bilan »), once seeded. */
  bilanPilotId?: string;
};

export type DemoSeeder = (refs: DemoRefs) => Promise<Partial<DemoRefs> | void>;

import { Init1764370000000 } from './1764370000000-Init';
import { Accounts1764370100000 } from './1764370100000-Accounts';
import { PilotRecord1764370200000 } from './1764370200000-PilotRecord';
import { ActorsActivities1764370300000 } from './1764370300000-ActorsActivities';

/** Every migration, in order. TypeORM loads this list rather than a glob so tests and the build share it. */
export const MIGRATIONS = [Init1764370000000, Accounts1764370100000, PilotRecord1764370200000, ActorsActivities1764370300000];

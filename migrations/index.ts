import { Init1764370000000 } from './1764370000000-Init';
import { Accounts1764370100000 } from './1764370100000-Accounts';

/** Every migration, in order. TypeORM loads this list rather than a glob so tests and the build share it. */
export const MIGRATIONS = [Init1764370000000, Accounts1764370100000];

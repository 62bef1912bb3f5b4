import type { AppConfig } from '../config/config';
import { migrateQueueSchema } from '../queues/queue-backend';
import { runMigrations } from './data-source';
import { grantApplicationRole, urlsOf } from './db-roles';

/**
 * As the owner: the schema's migrations, BullMQ's schema when the queue runs on PostgreSQL, then the
 * application role and its privileges. Returns the migrations applied.
 */
export async function prepareDatabase(config: AppConfig): Promise<string[]> {
  const urls = urlsOf(config);
  const ran = await runMigrations(urls.owner);
  await migrateQueueSchema({ ...config, databaseUrl: urls.owner });
  await grantApplicationRole(urls);
  return ran;
}

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/config';
import { migrateQueueSchema } from '../queues/queue-backend';
import { dataSourceOptions, runMigrations } from './data-source';

function databaseUrl(): string {
  const url = loadConfig().databaseUrl;
  if (!url) throw new ConfigError(['DATABASE_URL is required for this command']);
  return url;
}

/** `npm run cli -- migrate`: the schema's migrations, then BullMQ's own schema when it runs on PostgreSQL. */
export async function migrateCommand(): Promise<void> {
  const url = databaseUrl();
  const ran = await runMigrations(url);
  await migrateQueueSchema({ ...loadConfig(), databaseUrl: url });
  console.log(ran.length ? `Applied: ${ran.join(', ')}` : 'Nothing to migrate');
}

/** `npm run cli -- migrate:revert`: reverts the last migration. */
export async function revertCommand(): Promise<void> {
  const ds = new DataSource(dataSourceOptions(databaseUrl()));
  await ds.initialize();
  try {
    await ds.undoLastMigration({ transaction: 'each' });
    console.log('Last migration reverted');
  } finally {
    await ds.destroy();
  }
}

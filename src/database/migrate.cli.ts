import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/config';
import { dataSourceOptions } from './data-source';
import { urlsOf } from './db-roles';
import { prepareDatabase } from './prepare-database';

/** The owner's URL: DATABASE_OWNER_URL, else DATABASE_URL. */
function databaseUrl(): string {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL is required for this command']);
  return urlsOf(config).owner;
}

/**
 * `npm run cli -- migrate`: as the owner, the schema's migrations, BullMQ's own schema when it runs on
 * PostgreSQL, then the application role's privileges.
 */
export async function migrateCommand(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL is required for this command']);
  const ran = await prepareDatabase(config);
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

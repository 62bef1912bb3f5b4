import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from './config/config';
import { dataSourceOptions, runMigrations } from './database/data-source';
import { migrateQueueSchema } from './queues/queue-backend';
import { CREATE_USER_USAGE, createUserCommand } from './users/users.cli';

const USAGE = `Usage: npm run cli -- <command>
  migrate                 apply pending migrations (and BullMQ's schema when REDIS_URL is unset)
  migrate:revert          revert the last migration
  ${CREATE_USER_USAGE}`;

export type CliCommand = (args: string[]) => Promise<void>;

function databaseUrl(): string {
  const url = loadConfig().databaseUrl;
  if (!url) throw new ConfigError(['DATABASE_URL is required for this command']);
  return url;
}

/** Commands of the operator's CLI; features add their own (see users/users.cli.ts). */
export const COMMANDS: Record<string, CliCommand> = {
  migrate: async () => {
    const ran = await runMigrations(databaseUrl());
    await migrateQueueSchema({ ...loadConfig(), databaseUrl: databaseUrl() });
    console.log(ran.length ? `Applied: ${ran.join(', ')}` : 'Nothing to migrate');
  },
  'migrate:revert': async () => {
    const ds = new DataSource(dataSourceOptions(databaseUrl()));
    await ds.initialize();
    try {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log('Last migration reverted');
    } finally {
      await ds.destroy();
    }
  },
  'create-user': createUserCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(USAGE);
    return 64;
  }
  try {
    await command(args);
    return 0;
  } catch (e) {
    console.error(e instanceof ConfigError || e instanceof Error ? e.message : String(e));
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}

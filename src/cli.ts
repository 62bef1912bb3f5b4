// The operator's CLI. Each command loads only what it needs, so `npm run cli` answers its usage at once and
// no command boots the whole application.

const USAGE = `Usage: npm run cli -- <command>
  migrate                 apply pending migrations (and BullMQ's schema when REDIS_URL is unset)
  migrate:revert          revert the last migration
  backup <file>           the whole database (stored files included) in pg_dump's custom format
  restore <file> [--force]
                          restores a backup into an empty database (--force replaces what it holds)
  create-user --role <lead|coordinator|committee|reviewer> --email <address> [--name "<full name>"]
                          password from PROJETK_PASSWORD, else read from stdin (hidden on a terminal)`;

export type CliCommand = (args: string[]) => Promise<void>;

/** Commands of the operator's CLI, each loaded on demand; features add theirs (see users/users.cli.ts). */
export const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  migrate: async () => (await import('./database/migrate.cli.js')).migrateCommand,
  'migrate:revert': async () => (await import('./database/migrate.cli.js')).revertCommand,
  backup: async () => (await import('./database/backup.cli.js')).backupCommand,
  restore: async () => (await import('./database/backup.cli.js')).restoreCommand,
  'create-user': async () => (await import('./users/users.cli.js')).createUserCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    console.error(USAGE);
    return 64; // EX_USAGE
  }
  try {
    await (
      await load()
    )(args);
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}

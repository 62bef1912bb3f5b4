import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestApp } from '../support/test-app';

const CLI = resolve(__dirname, '..', '..', 'dist', 'src', 'cli.js');

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the built CLI as an operator would, with the given environment and piped stdin. */
function cli(args: string[], env: Record<string, string | undefined>, stdin?: string): Promise<Run> {
  return new Promise((done, fail) => {
    const base = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      REDIS_URL: process.env.REDIS_URL,
      LOG_LEVEL: 'silent',
    };
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...base, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('npm run cli -- create-user', () => {
  let t: TestApp;
  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:server first`);
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the first lead with a password piped on stdin, hashed with argon2id and audited; the lead can sign in', async () => {
    const password = 'Premier-Chef-De-Projet-2026';
    const run = await cli(
      ['create-user', '--role', 'lead', '--email', 'Anne.Chef@Smicval.fr', '--name', 'Anne Chef'],
      { DATABASE_URL: t.databaseUrl },
      `${password}\n`,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Created lead anne\.chef@smicval\.fr/);
    expect(run.stdout).not.toContain(password);

    const [row] = await t.sql<{ id: string; name: string; role: string; password_hash: string }>(
      `SELECT id, name, role, password_hash FROM users WHERE email = 'anne.chef@smicval.fr'`,
    );
    expect(row).toMatchObject({ name: 'Anne Chef', role: 'lead' });
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(Number(/[$,]m=(\d+)/.exec(row.password_hash)?.[1])).toBeGreaterThanOrEqual(19 * 1024);
    expect(Number(/,t=(\d+)/.exec(row.password_hash)?.[1])).toBeGreaterThanOrEqual(2);
    expect(row.password_hash).toMatch(/,p=1[$,]/);
    const audit = await t.sql(
      `SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = $1 AND request_id = 'cli'`,
      [row.id],
    );
    expect(audit).toEqual([{ action: 'user.create' }]);

    const http = t.client();
    const login = await http.post('/api/auth/login', { email: 'anne.chef@smicval.fr', password });
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe('lead');
    // The new lead can now administer: create another account through the API.
    const created = await http.post('/api/users', {
      email: 'relecteur@ademe.fr',
      name: 'Paul Relecteur',
      role: 'reviewer',
      password: 'Relecture-Annuelle-2026',
    });
    expect(created.status).toBe(201);
  });

  it('takes the password from PROJETK_PASSWORD and defaults the name to the address', async () => {
    const run = await cli(['create-user', '--role', 'committee', '--email', 'elu@smicval.fr'], {
      DATABASE_URL: t.databaseUrl,
      PROJETK_PASSWORD: 'Comite-De-Selection-2026',
    });
    expect(run.code).toBe(0);
    const [row] = await t.sql(`SELECT name, role FROM users WHERE email = 'elu@smicval.fr'`);
    expect(row).toEqual({ name: 'elu', role: 'committee' });
  });

  it('refuses a weak or common password with the policy message, writing nothing', async () => {
    for (const password of ['court', 'password1234', 'x'.repeat(129)]) {
      const run = await cli(
        ['create-user', '--role', 'lead', '--email', 'faible@smicval.fr'],
        { DATABASE_URL: t.databaseUrl },
        `${password}\n`,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/mot de passe/i);
    }
    expect(await t.sql(`SELECT 1 FROM users WHERE email = 'faible@smicval.fr'`)).toHaveLength(0);
  });

  it('refuses an address already in use', async () => {
    const run = await cli(['create-user', '--role', 'lead', '--email', 'anne.chef@smicval.fr'], {
      DATABASE_URL: t.databaseUrl,
      PROJETK_PASSWORD: 'Un-Second-Compte-2026',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already uses anne\.chef@smicval\.fr/);
    expect(await t.sql(`SELECT 1 FROM users WHERE email = 'anne.chef@smicval.fr'`)).toHaveLength(1);
  });

  it('explains bad arguments and a missing DATABASE_URL', async () => {
    const badRole = await cli(['create-user', '--role', 'admin', '--email', 'x@y.fr'], {
      DATABASE_URL: t.databaseUrl,
      PROJETK_PASSWORD: 'Un-Mot-De-Passe-Solide',
    });
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/--role must be one of lead, coordinator, committee, reviewer/);
    const badEmail = await cli(['create-user', '--role', 'lead', '--email', 'pas-une-adresse'], {
      DATABASE_URL: t.databaseUrl,
      PROJETK_PASSWORD: 'Un-Mot-De-Passe-Solide',
    });
    expect(badEmail.stderr).toMatch(/--email must be an e-mail address/);
    const unknown = await cli(['create-user', '--role', 'lead', '--email', 'x@y.fr', '--admin'], {
      DATABASE_URL: t.databaseUrl,
    });
    expect(unknown.code).toBe(1);
    const noDb = await cli(['create-user', '--role', 'lead', '--email', 'x@y.fr'], {
      PROJETK_PASSWORD: 'Un-Mot-De-Passe-Solide',
    });
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toMatch(/DATABASE_URL is required/);
    expect(await t.sql(`SELECT 1 FROM users WHERE email = 'x@y.fr'`)).toHaveLength(0);
  });
});

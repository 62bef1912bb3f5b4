import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { ERROR_MESSAGES_FR } from '../../src/common/errors/messages.fr';
import { addDays, addYears } from '../../src/pilots/pilot-terms';
import { createPilot } from '../factories/pilots';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

const PROBLEM = 'application/problem+json';

/** Once closed, a pilot « terminé » logs no new activity; an « autonome » one goes on logging them. */
describe('logging an activity on a closed pilot', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coord: SignedIn;
  let ended: string;
  let autonomous: string;
  const today = todayInFrance();
  const activity = (title: string) => ({ date: addDays(today, -3), title, type: 'workshop', participants: 9 });
  const post = (pilotId: string, body: unknown, key?: string) =>
    coord.http.post(`/api/pilots/${pilotId}/activities`, body, key ? { headers: { 'idempotency-key': key } } : {});
  const count = async (pilotId: string) =>
    (await t.sql(`SELECT count(*)::int AS n FROM activities WHERE pilot_id = $1`, [pilotId]))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    // Three years and ten days ago: the programme is over, the closing decision can be taken.
    const startDate = addDays(addYears(today, -3), -10);
    ended = (await createPilot(lead.http, { name: 'Terminé — Baron', startDate })).id;
    autonomous = (await createPilot(lead.http, { name: 'Autonome — Créon', startDate })).id;
    const c = await insertUser(t, 'coordinator');
    await addMember(lead.http, ended, c.id, 'coordinator');
    await addMember(lead.http, autonomous, c.id, 'coordinator');
    coord = await signInAs(t, c.email);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a new activity on a pilot closed as « terminé » with 422 pilot_ended, writing nothing, and still replays a key used before the closure', async () => {
    const key = randomUUID();
    const before = await post(ended, activity('Atelier avant la clôture'), key);
    expect(before.status).toBe(201);
    const closed = await lead.http.post(`/api/pilots/${ended}/closure`, { outcome: 'ended', reason: 'Fin du projet' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('ended');
    const audits = async () =>
      (
        await t.sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'activity.create' AND pilot_id = $1`, [
          ended,
        ])
      )[0].n as number;
    const auditsBefore = await audits();

    for (const k of [undefined, randomUUID()]) {
      const res = await post(ended, activity('Atelier après la clôture'), k);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body).toMatchObject({ code: 'pilot_ended', detail: ERROR_MESSAGES_FR.pilot_ended });
      expect(res.body.detail).toContain('terminé');
    }
    expect(await count(ended)).toBe(1);
    expect(await audits()).toBe(auditsBefore);
    const keys = await t.sql(
      `SELECT count(*)::int AS n FROM activity_idempotency_keys k JOIN activities a ON a.id = k.activity_id WHERE a.pilot_id = $1`,
      [ended],
    );
    expect(keys[0].n).toBe(1);

    // The offline queue retries an activity it had already sent before the closure: the first answer comes back.
    const retry = await post(ended, activity('Atelier avant la clôture'), key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(before.body);
    expect(await count(ended)).toBe(1);

    // What was logged stays readable.
    const list = await coord.http.get(`/api/pilots/${ended}/activities`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { title: string }) => a.title)).toEqual(['Atelier avant la clôture']);
  });

  it('makes an activity sent while the closure is being written wait for it, then refuses it', async () => {
    const startDate = addDays(addYears(today, -3), -10);
    const racing = (await createPilot(lead.http, { name: 'Terminé — Camiac', startDate })).id;
    const c = await insertUser(t, 'coordinator');
    await addMember(lead.http, racing, c.id, 'coordinator');
    const other = await signInAs(t, c.email);
    // The closing decision, written by another connection and not yet committed.
    const closing = new pg.Client({ connectionString: t.databaseUrl });
    await closing.connect();
    try {
      await closing.query('BEGIN');
      await closing.query(`SELECT status FROM pilots WHERE id = $1 FOR UPDATE`, [racing]);
      await closing.query(`UPDATE pilots SET status = 'ended' WHERE id = $1`, [racing]);
      const sent = other.http.post(`/api/pilots/${racing}/activities`, activity('Atelier pendant la clôture'));
      // The activity's transaction waits on the pilot's row rather than reading the status before the closure.
      for (let waited = 0; ; waited++) {
        const [w] = (
          await closing.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
        ).rows;
        if (w.n > 0) break;
        if (waited > 200) throw new Error('the activity never waited for the closure');
        await new Promise((r) => setTimeout(r, 25));
      }
      await closing.query('COMMIT');
      const res = await sent;
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('pilot_ended');
      expect(await count(racing)).toBe(0);
    } finally {
      await closing.end();
    }
  });

  it('goes on logging activities on a pilot closed as « autonome »', async () => {
    const closed = await lead.http.post(`/api/pilots/${autonomous}/closure`, {
      outcome: 'autonomous',
      reason: 'La dynamique continue sans les fonds du Smicval',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('autonomous');
    const res = await post(autonomous, activity('Repair café de la ressourcerie'), randomUUID());
    expect(res.status).toBe(201);
    expect(await count(autonomous)).toBe(1);
  });
});

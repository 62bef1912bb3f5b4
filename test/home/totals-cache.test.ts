import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { programmeTotals, wavesAndBilan } from '../../src/home/home-lead.queries';
import { ProgrammeTotalsCache } from '../../src/home/programme-totals.cache';
import { addDays } from '../../src/pilots/pilot-terms';
import { createPilot, logActivity } from '../factories/pilots';
import { insertUser, signInAs, SignedIn } from '../factories/users';
import { disbursement, postEntry, reverseEntry } from '../funding/funding-helpers';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

const LISTENER = 'projet-k:programme-totals';

/**
 * The lead's programme totals are cached until a write notifies a change (src/home/programme-totals.cache.ts).
 * Each test checks what the lead sees right after a write (never the figures from before it) and, by counting
 * the statements the view runs, that the figures do come from the cache when nothing was written.
 */
describe('the lead’s programme totals, cached until a write', () => {
  let t: TestApp;
  let lead: SignedIn;
  let leadEmail: string;
  let ds: DataSource;
  let statements: string[] = [];
  const today = todayInFrance();
  let running: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    leadEmail = (await insertUser(t, 'lead')).email;
    lead = await signInAs(t, leadEmail);
    ds = t.app.get<DataSource>(getDataSourceToken());
    const original = ds.logger.logQuery.bind(ds.logger);
    ds.logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      return original(query, parameters, runner);
    };
    running = await createPilot(lead.http, { startDate: addDays(today, -400), waveYear: 2024, inhabitants: 1200 });
    await logActivity(lead.http, running.id, { participants: 12 });
    // The listening connection opens at the first home view; until it is up, every view computes.
    expect((await view()).computed).toBe(true);
    await waitFor(async () => (t.app.get(ProgrammeTotalsCache).listening ? true : undefined));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  /** What the lead's home shows of the programme, and whether this view computed it (else: from the cache). */
  async function view(http = lead.http): Promise<{ totals: any; waves: number[]; inBilan: any[]; computed: boolean }> {
    statements = [];
    const res = await http.get('/api/home');
    expect(res.status, res.text).toBe(200);
    const { totals, waves, inBilan } = res.body.lead;
    return { totals, waves, inBilan, computed: statements.some((s) => s.includes('fund_years')) };
  }

  /** The same figures computed now, straight from the database. */
  async function fresh(): Promise<{ totals: any; waves: number[]; inBilan: any[] }> {
    const [totals, { waves, inBilan }] = await Promise.all([
      programmeTotals(ds.manager, today),
      wavesAndBilan(ds.manager, today, 10),
    ]);
    return { totals, waves, inBilan };
  }

  /** The listening connections open on this file's database (one per application process that showed a home). */
  async function listeners(): Promise<number> {
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
      [LISTENER],
    );
    return n;
  }

  /** A warm cache: the second view of an unchanged programme computes nothing. */
  async function warm(): Promise<any> {
    await view();
    const again = await view();
    expect(again.computed).toBe(false);
    return again.totals;
  }

  /** The view right after a write: computed again, equal to the database's figures now. */
  async function afterWrite(): Promise<any> {
    const seen = await view();
    expect(seen.computed).toBe(true);
    const { computed: _c, ...shown } = seen;
    expect(shown).toEqual(await fresh());
    return seen.totals;
  }

  it('shows every kind of write in the very next view, and serves the cache in between', async () => {
    let before = await warm();
    const activity = await logActivity(lead.http, running.id, { participants: 7 });
    let after = await afterWrite();
    expect(after.activitiesThisYear).toBe(before.activitiesThisYear + 1);
    expect(after.participantsThisYear).toBe(before.participantsThisYear + 7);

    before = await warm();
    const edited = await lead.http.patch(`/api/pilots/${running.id}/activities/${activity.id}`, { participants: 20 });
    expect(edited.status, edited.text).toBe(200);
    expect((await afterWrite()).participantsThisYear).toBe(before.participantsThisYear + 13);

    before = await warm();
    const deleted = await lead.http.delete(`/api/pilots/${running.id}/activities/${activity.id}`);
    expect(deleted.status, deleted.text).toBe(204);
    after = await afterWrite();
    expect(after.activitiesThisYear).toBe(before.activitiesThisYear - 1);
    expect(after.participantsThisYear).toBe(before.participantsThisYear - 20);

    before = await warm();
    const entry = await postEntry(
      lead.http,
      running.id,
      disbursement('investment', 1, 250_000, { date: addDays(today, -5) }),
    );
    expect(entry.status, entry.text).toBe(201);
    expect((await afterWrite()).disbursedCents).toBe(before.disbursedCents + 250_000);

    before = await warm();
    const reversal = await reverseEntry(lead.http, running.id, entry.body.id);
    expect(reversal.status, reversal.text).toBe(201);
    expect((await afterWrite()).disbursedCents).toBe(before.disbursedCents - 250_000);

    before = await warm();
    const milestone = await lead.http.post(`/api/pilots/${running.id}/milestones`, {
      title: 'Comité de pilotage réuni',
      dueDate: addDays(today, -10),
    });
    expect(milestone.status, milestone.text).toBe(201);
    expect((await afterWrite()).lateMilestones).toBe(before.lateMilestones + 1);
    before = await warm();
    const done = await lead.http.patch(`/api/milestones/${milestone.body.id}`, { status: 'done' });
    expect(done.status, done.text).toBe(200);
    expect((await afterWrite()).lateMilestones).toBe(before.lateMilestones - 1);

    before = await warm();
    const amended = await lead.http.post(`/api/pilots/${running.id}/amendments`, {
      inhabitants: 2000,
      effectiveDate: addDays(today, -10),
      reason: 'Recensement',
    });
    expect(amended.status, amended.text).toBe(201);
    expect((await afterWrite()).inhabitants).toBe(before.inhabitants + 800);

    before = await warm();
    const preparing = await createPilot(lead.http, { startDate: null, status: 'preparation', waveYear: 2031 });
    const added = await view();
    expect(added.computed).toBe(true);
    expect(added.totals.pilots).toBe(before.pilots + 1);
    expect(added.totals.byStatus.preparation).toBe(before.byStatus.preparation + 1);
    expect(added.waves[0]).toBe(2031);

    before = await warm();
    const started = await lead.http.patch(`/api/pilots/${preparing.id}`, {
      startDate: addDays(today, -30),
      status: 'running',
    });
    expect(started.status, started.text).toBe(200);
    after = await afterWrite();
    expect(after.byStatus).toMatchObject({
      preparation: before.byStatus.preparation - 1,
      running: before.byStatus.running + 1,
    });
  }, 60_000);

  it('shows a write committed by another connection in the next view, and ignores a rolled-back one', async () => {
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      const insert = `INSERT INTO activities (pilot_id, date, title, type, policies, participants)
                      VALUES ($1, $2, 'Gratiferia', 'event', ARRAY['waste_reduction'], 5)`;
      let before = await warm();
      // Each write is answered by the database before the view is asked: the view must already count it.
      for (let i = 1; i <= 25; i++) {
        await other.query('BEGIN');
        await other.query(insert, [running.id, addDays(today, -1)]);
        await other.query('COMMIT');
        const seen = await view();
        expect(seen.totals.activitiesThisYear, `write ${i}`).toBe(before.activitiesThisYear + i);
      }
      // Several statements in one transaction make one change.
      before = await warm();
      await t.sql(
        `BEGIN; UPDATE activities SET participants = participants + 1 WHERE title = 'Gratiferia';
         DELETE FROM activities WHERE id IN (SELECT id FROM activities WHERE title = 'Gratiferia' LIMIT 5); COMMIT`,
      );
      const after = await afterWrite();
      expect(after.activitiesThisYear).toBe(before.activitiesThisYear - 5);
      expect(after.participantsThisYear).toBe(before.participantsThisYear + 25 - 5 * 6);

      // Rolled back: nothing changed, and the cache is still served.
      before = await warm();
      await other.query('BEGIN');
      await other.query(insert, [running.id, addDays(today, -1)]);
      await other.query('ROLLBACK');
      const unchanged = await view();
      expect(unchanged.computed).toBe(false);
      expect(unchanged.totals).toEqual(before);
    } finally {
      await other.end();
    }
  });

  it('a write through another application process is seen by this one’s next view', async () => {
    const second = await createTestApp({
      database: { url: t.databaseUrl, appUrl: t.appDatabaseUrl, drop: async () => undefined },
    });
    try {
      const leadThere = await signInAs(second, leadEmail);
      const before = await warm();
      await view(leadThere.http);
      await waitFor(async () => (second.app.get(ProgrammeTotalsCache).listening ? true : undefined));
      for (let i = 1; i <= 5; i++) {
        await logActivity(leadThere.http, running.id, { participants: 3 });
        expect((await view()).totals.activitiesThisYear).toBe(before.activitiesThisYear + i);
        expect((await view(leadThere.http)).totals.activitiesThisYear).toBe(before.activitiesThisYear + i);
      }
      expect(await listeners()).toBe(2);
    } finally {
      await second.close();
    }
    // Closing an application closes its listening connection (the server lets the session go just after).
    await waitFor(async () => ((await listeners()) === 1 ? true : undefined));
  }, 60_000);

  it('computes every view while its listening connection is lost, and caches again once it is back', async () => {
    const cache = t.app.get(ProgrammeTotalsCache);
    const before = await warm();
    expect(cache.listening).toBe(true);
    const [{ killed }] = await t.sql<{ killed: boolean }>(
      `SELECT bool_and(pg_terminate_backend(pid)) AS killed FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = $1`,
      [LISTENER],
    );
    expect(killed).toBe(true);
    // Written while nobody listens: no notification reaches this process.
    await t.sql(
      `INSERT INTO activities (pilot_id, date, title, type, policies, participants) VALUES ($1, $2, 'Disco soupe', 'event', ARRAY['waste_reduction'], 9)`,
      [running.id, addDays(today, -2)],
    );
    const during = await view();
    expect(during.computed).toBe(true);
    expect(during.totals.activitiesThisYear).toBe(before.activitiesThisYear + 1);

    await waitFor(async () => (cache.listening ? true : undefined));
    const { computed: _c, ...back } = await view();
    expect(back).toEqual(await fresh());
    expect((await view()).computed).toBe(false);
    await t.sql(`DELETE FROM activities WHERE title = 'Disco soupe'`);
    expect((await afterWrite()).activitiesThisYear).toBe(before.activitiesThisYear);
  }, 60_000);
});

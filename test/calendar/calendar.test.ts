import * as nodeIcal from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInFrance } from '../../src/common/codes';
import { addDays } from '../../src/pilots/pilot-terms';
import { createOpenCall } from '../factories/candidatures';
import { createPilot } from '../factories/pilots';
import { addMember, insertUser, signIn, signInAs, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../support/test-app';

type Parsed = { uid: string; summary: string; start: Date }[];

function parse(ics: string): Parsed {
  const data = nodeIcal.sync.parseICS(ics);
  return Object.values(data)
    .filter((c): c is nodeIcal.VEvent => c?.type === 'VEVENT')
    .map((e) => ({ uid: e.uid, summary: String(e.summary), start: e.start }));
}

describe('the private calendar feed', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinatorA: SignedIn;
  let coordinatorB: SignedIn;
  let pilotA: Record<string, any>;
  let pilotB: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    await createOpenCall(lead.http, {
      title: 'Appel 2027',
      webinars: [{ date: addDays(todayInFrance(), 5), startTime: '18:00' }],
    });
    pilotA = await createPilot(lead.http, { name: 'Cursan' });
    pilotB = await createPilot(lead.http, { name: 'Espiet' });
    const a = await insertUser(t, 'coordinator');
    const b = await insertUser(t, 'coordinator');
    await addMember(lead.http, pilotA.id, a.id, 'coordinator');
    await addMember(lead.http, pilotB.id, b.id, 'coordinator');
    coordinatorA = await signInAs(t, a.email);
    coordinatorB = await signInAs(t, b.email);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the person’s own events only, in a valid ICS file', async () => {
    const feed = await coordinatorA.http.post('/api/calendar/feed');
    expect(feed.status).toBe(201);
    expect(feed.body.path).toBe(`/api/calendar/${feed.body.token}.ics`);
    const res = await t.client().get(feed.body.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    expect(res.text.startsWith('BEGIN:VCALENDAR')).toBe(true);
    const events = parse(res.text);
    const summaries = events.map((e) => e.summary);
    expect(summaries).toContain('Rapport annuel, année 1 — Cursan');
    expect(summaries.some((s) => s.startsWith('Jalon : ') && s.endsWith('— Cursan'))).toBe(true);
    expect(summaries.every((s) => !s.includes('Espiet'))).toBe(true);
    // Calls are the lead's and the committee's business.
    expect(summaries.every((s) => !s.includes('Appel 2027'))).toBe(true);
    const report = events.find((e) => e.summary === 'Rapport annuel, année 1 — Cursan')!;
    expect(report.start.toISOString().slice(0, 10)).toBe(pilotA.projectYears[0].to);

    // Another person's token shows their own events.
    const other = await coordinatorB.http.post('/api/calendar/feed');
    const theirs = parse((await t.client().get(other.body.path)).text).map((e) => e.summary);
    expect(theirs).toContain('Rapport annuel, année 1 — Espiet');
    expect(theirs.every((s) => !s.includes('Cursan'))).toBe(true);

    // The lead sees every pilot, the call's deadlines and its webinar.
    const leadFeed = await lead.http.post('/api/calendar/feed');
    const all = parse((await t.client().get(leadFeed.body.path)).text).map((e) => e.summary);
    expect(all).toEqual(
      expect.arrayContaining([
        'Rapport annuel, année 1 — Cursan',
        'Rapport annuel, année 1 — Espiet',
        'Date limite des lettres d’intention — Appel 2027',
        'Webinaire — Appel 2027 (18:00)',
      ]),
    );
  });

  it('stops answering a revoked or regenerated token, and refuses anonymous management', async () => {
    const first = await coordinatorA.http.post('/api/calendar/feed');
    const second = await coordinatorA.http.post('/api/calendar/feed');
    expect((await t.client().get(first.body.path)).status).toBe(404);
    expect((await t.client().get(second.body.path)).status).toBe(200);
    expect((await coordinatorA.http.delete('/api/calendar/feed')).status).toBe(204);
    const revoked = await t.client().get(second.body.path);
    expect(revoked.status).toBe(404);
    expect(revoked.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.client().get('/api/calendar/not-a-token.ics')).status).toBe(404);
    expect((await t.client().post('/api/calendar/feed')).status).toBe(401);
    const audit = await t.sql(
      `SELECT action FROM audit_log WHERE user_id = $1 AND action LIKE 'calendar.%' ORDER BY id`,
      [coordinatorA.user.id],
    );
    expect(audit.map((r: any) => r.action)).toEqual([
      'calendar.regenerate',
      'calendar.regenerate',
      'calendar.regenerate',
      'calendar.revoke',
    ]);
  });
});

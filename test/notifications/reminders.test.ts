import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/app.factory';
import { todayInFrance } from '../../src/common/codes';
import { RemindersService } from '../../src/notifications/reminders.service';
import { addDays } from '../../src/pilots/pilot-terms';
import { QueueName } from '../../src/queues/queue.constants';
import { createOpenCall } from '../factories/candidatures';
import { createPilot } from '../factories/pilots';
import { addMember, signIn, SignedIn } from '../factories/users';
import { createTestApp, skipWithoutRedis, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { fakeSmtp } from '../support/fake-smtp';

const today = todayInFrance();
/** Year 1 ends within 10 days: its report, the year-2 operating instalment and the year-1 milestone are all due soon. */
const START = addDays(today, -355);

async function keysOf(t: TestApp, userId: string): Promise<string[]> {
  return (
    await t.sql<{ event_key: string }>(`SELECT event_key FROM notifications WHERE user_id = $1 ORDER BY event_key`, [
      userId,
    ])
  ).map((r) => r.event_key);
}

async function finished(queue: Queue, jobId: string): Promise<Job> {
  return waitFor(async () => {
    const job = await Job.fromId(queue, jobId);
    const state = await job?.getState();
    if (state === 'failed') throw new Error(`job ${jobId} failed: ${job?.failedReason}`);
    // Read again once completed: the first read may predate the return value.
    return state === 'completed' ? ((await Job.fromId(queue, jobId)) ?? undefined) : undefined;
  }, 30_000);
}

describe('daily reminders and notifications', () => {
  let t: TestApp;
  let lead: SignedIn;
  let coordinator: SignedIn;
  let reviewer: SignedIn;
  let committee: SignedIn;
  let pilotId: string;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await signIn(t, 'lead');
    coordinator = await signIn(t, 'coordinator');
    reviewer = await signIn(t, 'reviewer');
    committee = await signIn(t, 'committee');
    pilotId = (await createPilot(lead.http, { startDate: START, name: 'Saint-Genès' })).id;
    await addMember(lead.http, pilotId, coordinator.user.id, 'coordinator');
    await addMember(lead.http, pilotId, reviewer.user.id, 'reviewer');
    await createOpenCall(lead.http, { intentionDeadline: addDays(today, 5), engagementDeadline: addDays(today, 60) });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('notifies the people concerned of each due event, and a second run creates nothing', async () => {
    const reminders = t.app.get(RemindersService);
    const first = await reminders.runDaily();
    const pilotKeys = [
      `disbursement-due:${pilotId}:operating:2`,
      `disbursement-overdue:${pilotId}:investment:1`,
      `disbursement-overdue:${pilotId}:operating:1`,
      `year-end:${pilotId}:1`,
    ];
    const milestones = await t.sql<{ id: string; due_date: string }>(
      `SELECT id, due_date FROM milestones WHERE pilot_id = $1 ORDER BY due_date`,
      [pilotId],
    );
    expect(milestones).toHaveLength(6); // the default roadmap, proposed by the job itself
    const milestoneKeys = [
      `milestone-late:${milestones[0].id}`,
      `milestone-late:${milestones[1].id}`,
      `milestone-due:${milestones[2].id}`,
    ];
    const coordinatorKeys = [...pilotKeys, ...milestoneKeys].sort();
    expect(await keysOf(t, coordinator.user.id)).toEqual(coordinatorKeys);
    expect((await keysOf(t, lead.user.id)).filter((k) => !k.startsWith('call-deadline:'))).toEqual(coordinatorKeys);
    expect((await keysOf(t, lead.user.id)).filter((k) => k.startsWith('call-deadline:'))).toHaveLength(1);
    expect(await keysOf(t, reviewer.user.id)).toEqual([]);
    expect(await keysOf(t, committee.user.id)).toEqual([]);
    expect(first.created).toBe(15);

    const again = await reminders.runDaily();
    expect(again.created).toBe(0);
    expect((await t.sql(`SELECT count(*)::int AS n FROM notifications`))[0].n).toBe(15);
  });

  it('runs the same job through the queue, still creating each notification once', async () => {
    const res = await lead.http.post('/api/reminders/run', {});
    expect(res.status).toBe(202);
    const job = await finished(t.app.get<Queue>(getQueueToken(QueueName.Reminders)), res.body.jobId);
    expect(job.returnvalue).toMatchObject({ date: today, created: 0 });
    expect((await t.sql(`SELECT count(*)::int AS n FROM notifications`))[0].n).toBe(15);
  });

  it('creates each notification once when two workers run the job at the same time', async () => {
    const second: NestFastifyApplication = await createHttpApp(t.config);
    await second.init();
    try {
      const other = (await createPilot(lead.http, { startDate: START, name: 'Camiac' })).id;
      // Direct, concurrent runs in two applications sharing the database.
      const runs = await Promise.all([
        t.app.get(RemindersService).runDaily(),
        second.get(RemindersService).runDaily(),
        t.app.get(RemindersService).runDaily(),
      ]);
      expect(runs.reduce((n, r) => n + r.created, 0)).toBe(7);
      expect(await t.sql(`SELECT 1 FROM notifications WHERE pilot_id = $1`, [other])).toHaveLength(7);

      // And through the queue: four jobs, two workers competing for them.
      const third = (await createPilot(lead.http, { startDate: START, name: 'Cursan' })).id;
      const queues = [
        t.app.get<Queue>(getQueueToken(QueueName.Reminders)),
        second.get<Queue>(getQueueToken(QueueName.Reminders)),
      ];
      const jobs = await Promise.all([0, 1, 2, 3].map((i) => queues[i % 2].add('daily-reminders', { date: today })));
      const done = await Promise.all(jobs.map((j) => finished(queues[0], j.id!)));
      expect(done.reduce((n, j) => n + (j.returnvalue as { created: number }).created, 0)).toBe(7);
      expect(await t.sql(`SELECT 1 FROM notifications WHERE pilot_id = $1`, [third])).toHaveLength(7);
      const dupes = await t.sql(`SELECT user_id, event_key FROM notifications GROUP BY 1, 2 HAVING count(*) > 1`);
      expect(dupes).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('shows each user their own notifications with an unread count, and marks them read', async () => {
    const mine = await coordinator.http.get('/api/notifications');
    expect(mine.status).toBe(200);
    expect(mine.body.unreadCount).toBe(7);
    expect(mine.body.items).toHaveLength(7);
    expect(mine.body.items[0]).toMatchObject({ pilotId, readAt: null });
    expect(mine.body.items.map((n: { title: string }) => n.title).join('\n')).toMatch(/versement en retard/);

    const one = await coordinator.http.post(`/api/notifications/${mine.body.items[0].id}/read`);
    expect(one.status).toBe(200);
    expect(one.body.readAt).not.toBeNull();
    expect((await coordinator.http.get('/api/notifications')).body.unreadCount).toBe(6);

    const leadsOwn = (await lead.http.get('/api/notifications')).body.items[0];
    expect((await coordinator.http.post(`/api/notifications/${leadsOwn.id}/read`)).status).toBe(404);
    expect((await t.sql(`SELECT read_at FROM notifications WHERE id = $1`, [leadsOwn.id]))[0].read_at).toBeNull();
    expect((await coordinator.http.post(`/api/notifications/${randomUUID()}/read`)).status).toBe(404);
    expect((await coordinator.http.post(`/api/notifications/not-an-id/read`)).status).toBe(404);

    const all = await coordinator.http.post('/api/notifications/read-all');
    expect(all.body).toEqual({ updated: 6 });
    expect((await coordinator.http.get('/api/notifications')).body.unreadCount).toBe(0);
    expect((await lead.http.get('/api/notifications')).body.unreadCount).toBeGreaterThan(0);

    const none = await committee.http.get('/api/notifications');
    expect(none.body).toEqual({ items: [], unreadCount: 0 });
    expect((await t.client().get('/api/notifications')).status).toBe(401);
  });

  it('lets only a lead run the reminders now, with a valid date', async () => {
    expect((await coordinator.http.post('/api/reminders/run', {})).status).toBe(403);
    expect((await reviewer.http.post('/api/reminders/run', {})).status).toBe(403);
    const bad = await lead.http.post('/api/reminders/run', { date: '2025-13-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('date');
  });
});

describe('reminder e-mails', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;

  beforeAll(async () => {
    smtp = await fakeSmtp();
    t = await createTestApp({
      overrides: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, publicUrl: 'https://projet-k.example.org' },
    });
  });
  afterAll(async () => {
    await t?.close();
    smtp?.server.close();
  });

  it('sends each notification by e-mail once, in French, even with two workers', async () => {
    const lead = await signIn(t, 'lead');
    const coordinator = await signIn(t, 'coordinator');
    const pilotId = (await createPilot(lead.http, { startDate: START })).id;
    await addMember(lead.http, pilotId, coordinator.user.id, 'coordinator');
    const second = await createHttpApp(t.config);
    await second.init();
    try {
      await Promise.all([t.app.get(RemindersService).runDaily(), second.get(RemindersService).runDaily()]);
      await t.app.get(RemindersService).runDaily();
    } finally {
      await second.close();
    }
    const rows = await t.sql<{ emailed_at: Date | null }>(`SELECT emailed_at FROM notifications`);
    expect(rows).toHaveLength(14);
    expect(rows.every((r) => r.emailed_at !== null)).toBe(true);
    expect(smtp.messages).toHaveLength(14);
    const toCoordinator = smtp.messages.filter((m) => m.includes(`To: ${coordinator.user.email}`));
    expect(toCoordinator).toHaveLength(7);
    expect(toCoordinator.join('\n')).toMatch(/Bonjour/);
    expect(toCoordinator.join('\n')).toContain(`https://projet-k.example.org/pilotes/${pilotId}`);
  });
});

describe('the daily schedule', () => {
  for (const backend of ['redis', 'postgres'] as const) {
    it(`is registered once, at 06:00 Paris time, on the ${backend} backend`, async (ctx) => {
      if (backend === 'redis') skipWithoutRedis(ctx);
      const t = await createTestApp({ queue: backend });
      try {
        const second = await createHttpApp(t.config);
        await second.init();
        await second.close();
        const schedulers = await t.app.get<Queue>(getQueueToken(QueueName.Reminders)).getJobSchedulers();
        expect(schedulers).toHaveLength(1);
        expect(schedulers[0]).toMatchObject({ key: 'daily-reminders', pattern: '0 6 * * *', tz: 'Europe/Paris' });
      } finally {
        await t.close();
      }
    });
  }
});

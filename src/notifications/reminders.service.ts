import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { SYSTEM_CONTEXT } from '../auth/auth.types';
import { AutonomyService } from '../autonomy/autonomy.service';
import { MilestonesService } from '../autonomy/milestones.service';
import { CallsService } from '../candidatures/calls.service';
import { todayInFrance } from '../common/codes';
import { FundingService } from '../funding/funding.service';
import { addDays } from '../pilots/pilot-terms';
import { PilotsService } from '../pilots/pilots.service';
import { queueCall } from '../queues/queue-call';
import { JobName, QueueName } from '../queues/queue.constants';
import { UsersService } from '../users/users.service';
import { NotificationsService } from './notifications.service';
import {
  Audience,
  CallInput,
  callDeadlineEvents,
  disbursementEvents,
  MILESTONE_DAYS,
  milestoneEvents,
  ReminderEvent,
  yearEndEvents,
} from './reminder-events';
import { addJob, QueueOf, upsertScheduler } from '../queues/queue.types';

export type ReminderRun = { date: string; events: number; created: number; emailed: number };

export const DAILY_REMINDERS_SCHEDULER = 'daily-reminders';

/** The daily reminders: gathers due events from the other features' services and notifies the people concerned. */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly notifications: NotificationsService,
    private readonly pilots: PilotsService,
    private readonly funding: FundingService,
    private readonly autonomy: AutonomyService,
    private readonly milestones: MilestonesService,
    private readonly calls: CallsService,
    private readonly users: UsersService,
    @InjectQueue(QueueName.Reminders) private readonly queue: QueueOf<'reminders'>,
  ) {}

  /** Runs every day at 06:00 Paris time (BullMQ job scheduler: one schedule, whatever the number of workers). */
  async schedule(): Promise<void> {
    await upsertScheduler(
      this.queue,
      DAILY_REMINDERS_SCHEDULER,
      { pattern: '0 6 * * *', tz: 'Europe/Paris' },
      { name: JobName.DailyReminders, data: {} },
    );
  }

  /** POST /api/reminders/run: the same job, now (for operators and tests). */
  async enqueueNow(date?: string): Promise<{ jobId: string }> {
    const job = await queueCall(addJob(this.queue, JobName.DailyReminders, { date: date ?? null }, { attempts: 3 }));
    return { jobId: String(job.id) };
  }

  /** The job itself: idempotent, so retries, restarts and concurrent workers notify each person once per event. */
  async runDaily(date: string = todayInFrance()): Promise<ReminderRun> {
    const events = await this.events(date);
    const recipients = await this.recipientsResolver();
    const deliveries = await Promise.all(
      events.map(async (event) => ({ event, userIds: await recipients(event.audience) })),
    );
    const created = await this.notifications.notify(deliveries);
    const emailed = await this.notifications.sendPendingEmails();
    this.logger.log(`Reminders for ${date}: ${events.length} events, ${created} new notifications, ${emailed} e-mails`);
    return { date, events: events.length, created, emailed };
  }

  async events(today: string): Promise<ReminderEvent[]> {
    const events: ReminderEvent[] = [];
    events.push(...callDeadlineEvents(await this.allCalls(), today));
    const pilotIds = await this.pilots.listIds(SYSTEM_CONTEXT);
    // A pilot whose roadmap was never proposed (nobody opened its autonomy page yet) gets it now, so its milestones remind too.
    for (const pilotId of pilotIds) await this.autonomy.proposeDefaultRoadmap(SYSTEM_CONTEXT, pilotId);
    const milestones = await this.milestones.remindable(today, addDays(today, MILESTONE_DAYS));
    for (const pilotId of pilotIds) {
      const pilot = await this.pilots.get(SYSTEM_CONTEXT, pilotId);
      // A pilot that has ended or runs on its own needs no more reminders from the programme.
      if (!pilot.startDate || pilot.status === 'ended' || pilot.status === 'autonomous') continue;
      const summary = await this.funding.summary(pilotId);
      events.push(...disbursementEvents(pilot, summary.schedule, today));
      events.push(
        ...milestoneEvents(
          pilot.name,
          milestones.filter((m) => m.pilotId === pilotId),
          today,
        ),
      );
      events.push(...yearEndEvents(pilot, pilot.projectYears, today));
    }
    return events;
  }

  private async allCalls(): Promise<CallInput[]> {
    const calls: CallInput[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.calls.list({ limit: 100, cursor });
      calls.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return calls;
  }

  /** Leads (active) for programme events; a pilot's lead, or every lead if it has none, and its coordinators for pilot events. */
  private async recipientsResolver(): Promise<(a: Audience) => Promise<string[]>> {
    const users = await this.users.list();
    const active = new Map(users.filter((u) => u.active).map((u) => [u.id, u]));
    const leads = [...active.values()].filter((u) => u.role === 'lead').map((u) => u.id);
    return async (a) => {
      if (a.type === 'leads') return leads;
      const pilot = await this.pilots.get(SYSTEM_CONTEXT, a.pilotId);
      const coordinators = pilot.members
        .filter((m) => m.role === 'coordinator' && active.has(m.userId))
        .map((m) => m.userId);
      const lead = pilot.leadUserId && active.has(pilot.leadUserId) ? [pilot.leadUserId] : leads;
      return [...new Set([...lead, ...coordinators])];
    };
  }
}

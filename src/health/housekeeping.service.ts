import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { purgeCounters } from '../common/throttle';
import { ActivityIdempotencyService } from '../activities/activity-idempotency.service';
import { FundingService, IDEMPOTENCY_KEY_DAYS } from '../funding/funding.service';
import { JobName, QueueName } from '../queues/queue.constants';
import { QueueOf, upsertScheduler } from '../queues/queue.types';

export const HOUSEKEEPING_SCHEDULER = 'daily-housekeeping';
/** Throttling counters idle for a day are over every window (15 minutes, one hour). */
const COUNTER_IDLE_SECONDS = 24 * 3600;

export type HousekeepingRun = { idempotencyKeysPurged: number; countersPurged: number };

/** The platform's daily clean-up, on the system queue. */
@Injectable()
export class HousekeepingService {
  private readonly logger = new Logger(HousekeepingService.name);

  constructor(
    private readonly funding: FundingService,
    private readonly activityKeys: ActivityIdempotencyService,
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.System) private readonly queue: QueueOf<'system'>,
  ) {}

  /** Every day at 03:30 Paris time; every worker upserts the same scheduler id, so there is one schedule. */
  async schedule(): Promise<void> {
    await upsertScheduler(
      this.queue,
      HOUSEKEEPING_SCHEDULER,
      { pattern: '30 3 * * *', tz: 'Europe/Paris' },
      { name: JobName.DailyHousekeeping, data: {} },
    );
  }

  /** Idempotent: run it any number of times. */
  async run(): Promise<HousekeepingRun> {
    const idempotencyKeysPurged =
      (await this.funding.purgeIdempotencyKeys(IDEMPOTENCY_KEY_DAYS)) +
      (await this.activityKeys.purge(IDEMPOTENCY_KEY_DAYS));
    const countersPurged = await purgeCounters(this.db, COUNTER_IDLE_SECONDS);
    this.logger.log(
      `housekeeping: ${idempotencyKeysPurged} idempotency key(s), ${countersPurged} throttling counter(s) purged`,
    );
    return { idempotencyKeysPurged, countersPurged };
  }
}

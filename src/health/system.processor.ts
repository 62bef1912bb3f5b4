import { Processor } from '@nestjs/bullmq';
import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { FundingModule } from '../funding/funding.module';
import { JobName, QueueName } from '../queues/queue.constants';
import { TrackedWorkerHost } from '../queues/worker-drain.service';
import { HousekeepingService } from './housekeeping.service';
import type { QueueJob } from '../queues/queue.types';

/** Platform housekeeping jobs; the probe proves end to end that a worker picks up and finishes jobs. */
@Processor(QueueName.System)
export class SystemProcessor extends TrackedWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SystemProcessor.name);

  constructor(private readonly housekeeping: HousekeepingService) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.housekeeping.schedule();
    } catch (e) {
      // A queue hiccup at start must not stop the worker; the next start schedules it.
      this.logger.error(`Could not schedule the daily housekeeping: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async handle(job: QueueJob<'system'>): Promise<unknown> {
    switch (job.name) {
      case JobName.Probe:
        return { ok: true, processedAt: new Date().toISOString(), pid: process.pid };
      case JobName.DailyHousekeeping:
        return this.housekeeping.run();
      default:
        throw new Error(`Unknown job ${(job as { name: string }).name} on queue ${QueueName.System}`);
    }
  }
}

@Module({ imports: [FundingModule, ActivitiesModule], providers: [SystemProcessor, HousekeepingService] })
export class SystemWorkerModule {}

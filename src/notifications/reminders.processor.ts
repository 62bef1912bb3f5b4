import { Processor } from '@nestjs/bullmq';
import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, QueueName } from '../queues/queue.constants';
import { TrackedWorkerHost } from '../queues/worker-drain.service';
import { NotificationsModule } from './notifications.module';
import { RemindersService } from './reminders.service';
import type { QueueJob } from '../queues/queue.types';

/** The reminders queue's worker: it only calls the service. */
@Processor(QueueName.Reminders)
export class RemindersProcessor extends TrackedWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(RemindersProcessor.name);

  constructor(private readonly reminders: RemindersService) {
    super();
  }

  /** Every worker upserts the same scheduler id, so there is one daily schedule however many workers run. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.reminders.schedule();
    } catch (e) {
      // A queue hiccup at start must not stop the worker; the next start (or POST /api/reminders/run) catches up.
      this.logger.error(`Could not schedule the daily reminders: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async handle(job: QueueJob<'reminders'>): Promise<unknown> {
    switch (job.name) {
      case JobName.DailyReminders:
        return this.reminders.runDaily(job.data?.date ?? undefined);
      default:
        throw new Error(`Unknown job ${(job as { name: string }).name} on queue ${QueueName.Reminders}`);
    }
  }
}

@Module({ imports: [NotificationsModule], providers: [RemindersProcessor] })
export class RemindersWorkerModule {}

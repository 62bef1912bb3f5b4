import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, QueueName } from '../queues/queue.constants';
import { TrackedWorkerHost } from '../queues/worker-drain.service';
import { ReportsModule } from './reports.module';
import { ReportsService } from './reports.service';
import type { QueueJob } from '../queues/queue.types';

/**
 * Report jobs. The lock is short so a job whose worker was killed is taken over within ~20 s; the job
 * keeps renewing it while Chromium prints, since the work is awaited, not CPU-bound in this process.
 */
@Processor(QueueName.Reports, { concurrency: 2, lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 2 })
export class ReportsProcessor extends TrackedWorkerHost {
  private readonly logger = new Logger('ReportsProcessor');

  constructor(private readonly reports: ReportsService) {
    super();
  }

  async handle(job: QueueJob<'reports'>): Promise<unknown> {
    switch (job.name) {
      case JobName.GenerateReport:
        return this.reports.generate(job.data.reportId, {
          number: job.attemptsMade + 1,
          max: job.opts.attempts ?? 1,
        });
      case JobName.ReportDrafts:
        return { queued: await this.reports.queueDueDrafts() };
      default:
        throw new Error(`Unknown job ${(job as { name: string }).name} on queue ${QueueName.Reports}`);
    }
  }

  /** BullMQ can fail a job without our code (stalled too often): the row must say so, never stay "running". */
  @OnWorkerEvent('failed')
  async onFailed(job: QueueJob<'reports'> | undefined, error: Error): Promise<void> {
    if (!job || job.name !== JobName.GenerateReport || !job.data.reportId) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled/i.test(error.message);
    if (final)
      await this.reports.markFailed(job.data.reportId, error.message).catch((e) => this.logger.error(String(e)));
  }
}

/** On a worker's start: the daily draft scheduler, and the reports left queued picked up again. */
@Injectable()
export class ReportsWorkerStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReportsWorker');

  constructor(private readonly reports: ReportsService) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.reports.scheduleDrafts();
      await this.reports.requeuePending();
    } catch (e) {
      this.logger.error(`Report scheduler not set: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

@Module({ imports: [ReportsModule], providers: [ReportsProcessor, ReportsWorkerStartup] })
export class ReportsWorkerModule {}

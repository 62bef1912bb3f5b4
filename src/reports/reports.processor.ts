import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { queueCall } from '../queues/queue-call';
import { JobName, QueueName } from '../queues/queue.constants';
import { TrackedWorkerHost } from '../queues/worker-drain.service';
import { ReportReconciler } from './report-reconciler.service';
import { ReportsModule } from './reports.module';
import { ReportDrafts } from './report-drafts.service';
import { ReportGenerator } from './report-generator.service';
import { ReportIssuing } from './report-issuing.service';
import { produceDemoReports } from './reports.demo';
import type { QueueJob } from '../queues/queue.types';

/**
 * Report jobs. The lock is short so a job whose worker was killed is taken over within ~20 s; the job
 * keeps renewing it while Chromium prints, since the work is awaited, not CPU-bound in this process.
 */
@Processor(QueueName.Reports, { concurrency: 2, lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 2 })
export class ReportsProcessor extends TrackedWorkerHost {
  private readonly logger = new Logger('ReportsProcessor');

  constructor(
    private readonly generator: ReportGenerator,
    private readonly drafts: ReportDrafts,
    private readonly issuing: ReportIssuing,
  ) {
    super();
  }

  async handle(job: QueueJob<'reports'>): Promise<unknown> {
    switch (job.name) {
      case JobName.GenerateReport:
        return this.generator.generate(job.data.reportId, {
          number: job.attemptsMade + 1,
          max: job.opts.attempts ?? 1,
        });
      case JobName.ReportDrafts:
        return { queued: await this.drafts.queueDueDrafts() };
      case JobName.DemoReports:
        return produceDemoReports({ generator: this.generator, issuing: this.issuing }, job.data);
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
      await this.generator.markFailed(job.data.reportId, error.message).catch((e) => this.logger.error(String(e)));
  }
}

/**
 * In each worker: the daily draft scheduler set, and the reconciler run at start and then every
 * REPORT_RECONCILE_SECONDS. A timer in the process rather than a job scheduler, because a Redis that restarts
 * empty loses its schedulers along with the jobs; each pass also upserts the draft scheduler again.
 */
@Injectable()
export class ReportsWorkerStartup implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReportsWorker');
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | null = null;

  constructor(
    private readonly drafts: ReportDrafts,
    private readonly reconciler: ReportReconciler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.config.reportReconcileMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.pass;
  }

  /** One pass at a time; a queue or database outage is logged and the next tick tries again. */
  private tick(): Promise<void> {
    this.pass ??= (async () => {
      try {
        await queueCall(this.drafts.scheduleDrafts());
        await this.reconciler.reconcile();
      } catch (e) {
        this.logger.error(`Report reconciliation failed: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        this.pass = null;
      }
    })();
    return this.pass;
  }
}

@Module({ imports: [ReportsModule], providers: [ReportsProcessor, ReportsWorkerStartup] })
export class ReportsWorkerModule {}

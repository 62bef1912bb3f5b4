import { Processor } from '@nestjs/bullmq';
import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, QueueName } from '../queues/queue.constants';
import type { QueueJob } from '../queues/queue.types';
import { TrackedWorkerHost } from '../queues/worker-drain.service';
import { CandidaturesModule } from './candidatures.module';
import { CandidatureRetentionService } from './candidature-retention.service';

/** The candidatures queue's worker: the daily retention rule; it only calls the service. */
@Processor(QueueName.Candidatures)
export class CandidaturesProcessor extends TrackedWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(CandidaturesProcessor.name);

  constructor(private readonly retention: CandidatureRetentionService) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.retention.schedule();
    } catch (e) {
      // A queue hiccup at start must not stop the worker; the next start schedules it.
      this.logger.error(`Could not schedule the retention job: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async handle(job: QueueJob<'candidatures'>): Promise<unknown> {
    switch (job.name) {
      case JobName.CandidatureRetention:
        return this.retention.run();
      default:
        throw new Error(`Unknown job ${(job as { name: string }).name} on queue ${QueueName.Candidatures}`);
    }
  }
}

@Module({ imports: [CandidaturesModule], providers: [CandidaturesProcessor] })
export class CandidaturesWorkerModule {}

import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobName, QueueName } from '../queues/queue.constants';

/** Platform housekeeping jobs; the probe proves end to end that a worker picks up and finishes jobs. */
@Processor(QueueName.System)
export class SystemProcessor extends WorkerHost {
  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.Probe:
        return { ok: true, processedAt: new Date().toISOString(), pid: process.pid };
      default:
        throw new Error(`Unknown job ${job.name} on queue ${QueueName.System}`);
    }
  }
}

@Module({ providers: [SystemProcessor] })
export class SystemWorkerModule {}

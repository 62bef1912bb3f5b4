import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '../config/config';
import { configureQueueBackend } from './queue-backend';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queue.constants';
import { WorkerDrain } from './worker-drain.service';

const ALL_QUEUES = Object.values(QueueName).map((name) => ({ name }));

/** Registers every queue once, globally; feature modules inject them with @InjectQueue(QueueName.X). */
@Global()
@Module({})
export class QueuesModule {
  static forRoot(config: AppConfig): DynamicModule {
    const { connection, prefix } = configureQueueBackend(config);
    const queues = BullModule.registerQueue(...ALL_QUEUES);
    return {
      module: QueuesModule,
      imports: [
        DiscoveryModule,
        BullModule.forRoot({ connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
        queues,
      ],
      providers: [WorkerDrain],
      exports: [queues, WorkerDrain],
    };
  }
}

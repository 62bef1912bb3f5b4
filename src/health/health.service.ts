import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { queueBackendKind } from '../queues/queue-backend';
import { queueCall } from '../queues/queue-call';
import { JobName, QueueName } from '../queues/queue.constants';
import { ReportQueueHealth, ReportReconciler } from '../reports/report-reconciler.service';
import { HealthErrorCode, HealthException } from './health.exception';
import { addJob, QueueOf } from '../queues/queue.types';

export type PartStatus = 'up' | 'down';
export type Health = {
  status: 'ok' | 'degraded';
  database: PartStatus;
  queue: PartStatus;
  queueBackend: string;
  /** Null when the database cannot say. */
  reports: ReportQueueHealth | null;
};
export type ProbeState = { id: string; state: string; result: unknown };

const CHECK_TIMEOUT_MS = 3_000;

async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.System) private readonly queue: QueueOf<'system'>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reconciler: ReportReconciler,
  ) {}

  /** Degraded when a part is down or when the queue has lost reports the reconciler has not put back yet. */
  async check(): Promise<Health> {
    const [database, queue, reports] = await Promise.all([
      within(this.db.query('SELECT 1'), CHECK_TIMEOUT_MS).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      within(this.queue.getJobCounts('waiting'), CHECK_TIMEOUT_MS).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      within(this.reconciler.health(), CHECK_TIMEOUT_MS).catch(() => null),
    ]);
    const reportsLost = (reports?.missing ?? 0) > 0;
    return {
      status: database === 'up' && queue === 'up' && !reportsLost ? 'ok' : 'degraded',
      database,
      queue,
      queueBackend: queueBackendKind(this.config),
      reports,
    };
  }

  /** Queues a trivial job; the same second shares one job, so probing cannot flood the queue. */
  async enqueueProbe(): Promise<ProbeState> {
    const second = Math.floor(Date.now() / 1000);
    const job = await queueCall(
      addJob(
        this.queue,
        JobName.Probe,
        { requestedAt: new Date().toISOString() },
        { jobId: `probe-${second}`, attempts: 1 },
      ),
    );
    return { id: job.id ?? `probe-${second}`, state: await queueCall(job.getState()), result: null };
  }

  async probe(id: string): Promise<ProbeState> {
    const job = await queueCall(Job.fromId(this.queue, id));
    if (!job || job.name !== JobName.Probe)
      throw new HealthException(HealthErrorCode.ProbeNotFound, `No probe job ${id}`);
    return { id, state: await queueCall(job.getState()), result: job.returnvalue ?? null };
  }
}

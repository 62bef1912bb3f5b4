import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';

export type DrainResult = { workers: number; unfinished: boolean };

/**
 * Lets a stopping process finish the jobs it is running. Workers stop taking jobs at once; running jobs get up
 * to the grace period; past it the workers are closed without waiting, and the jobs they held are picked up
 * again by a worker once their lock expires (BullMQ's stalled-job check), so nothing is lost.
 */
@Injectable()
export class WorkerDrain {
  private readonly logger = new Logger(WorkerDrain.name);

  private running = 0;
  private idle: (() => void)[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  /** Runs one job's work, counted, so that a stop waits for exactly the jobs this process is running. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      if (this.running === 0) for (const done of this.idle.splice(0)) done();
    }
  }

  private whenIdle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((done) => this.idle.push(done));
  }

  private workers(): Worker[] {
    const found: Worker[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      if (!(wrapper.instance instanceof WorkerHost)) continue;
      try {
        found.push(wrapper.instance.worker);
      } catch {
        // A processor whose worker never started has nothing to drain.
      }
    }
    return found;
  }

  async drain(graceMs: number): Promise<DrainResult> {
    const workers = this.workers();
    this.logger.log(`Stopping ${workers.length} queue workers: running jobs finish first`);
    if (workers.length === 0) return { workers: 0, unfinished: false };
    // Pausing stops the fetching of new jobs; the count says when the running ones are over.
    const finished = Promise.all([...workers.map((w) => w.pause()), this.whenIdle()]).then(() => true);
    const timer = new AbortController();
    const outcome = await Promise.race([finished, sleep(graceMs, false, { signal: timer.signal }).catch(() => false)]);
    timer.abort();
    if (!outcome) {
      this.logger.warn(
        `Jobs still running after ${Math.round(graceMs / 1000)} s: left to be retried by another worker`,
      );
      await Promise.all(workers.map((w) => w.close(true).catch(() => undefined)));
    }
    return { workers: workers.length, unfinished: !outcome };
  }
}

/**
 * Base of every queue processor: `handle` does the work, counted by WorkerDrain so that a stop lets it finish.
 * (Processors extend this rather than WorkerHost.)
 */
export abstract class TrackedWorkerHost extends WorkerHost {
  @Inject(WorkerDrain) private readonly drain!: WorkerDrain;

  abstract handle(job: Job): Promise<unknown>;

  process(job: Job): Promise<unknown> {
    return this.drain.track(() => this.handle(job));
  }
}
